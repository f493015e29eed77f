"""The supervision workbench: a corpus of published annual reports, checked together."""
