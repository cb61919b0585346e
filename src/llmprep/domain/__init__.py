"""Pure domain model of llmprep: dataclasses and functions, no I/O and no framework imports."""
