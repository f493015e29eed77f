"""What the desk's tests share besides fixtures."""

PASSWORD = "Kx9#long-pass"
