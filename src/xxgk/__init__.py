"""xxgk: government information disclosure (政府信息公开) under 国务院令第711号."""

__version__ = "0.1.0"
