"""Alembic migrations for the llmprep database; `llmprep.store.migrating.upgrade` runs them."""
