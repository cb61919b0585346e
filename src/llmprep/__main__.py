"""`python -m llmprep` runs the CLI."""

from llmprep.cli.app import main

main()
