"""Adapters from content files (YAML) to domain objects."""
