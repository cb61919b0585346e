"""Adapters to heavy or external machinery: embedding models, LLM endpoints, sandboxes."""
