"""Writing annual reports out: plain text, DOCX, PDF … (one module per format)."""
