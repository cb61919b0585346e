"""Alembic environment: uses the connection handed over by `llmprep.store.migrating` (no alembic.ini)."""

from __future__ import annotations

from alembic import context

from llmprep.store.tables import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only when someone runs the alembic CLI by hand
    raise RuntimeError(
        "Run migrations through llmprep (llmprep.store.migrating.upgrade), not alembic directly."
    )

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
