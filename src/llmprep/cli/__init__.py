"""Command-line edge of llmprep (Typer + Rich). Thin: parses input, calls services, prints."""
