"""Alembic environment: runs on the connection guidewise hands it (SQLite or PostgreSQL)."""

from __future__ import annotations

from alembic import context

from guidewise.store.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - guidewise always passes a connection
    raise RuntimeError("run migrations through `guidewise db upgrade`")
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
