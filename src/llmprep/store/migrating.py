"""Create engines and bring a database to the newest schema with Alembic (SQLite and PostgreSQL alike).

SQLite gets WAL journaling and foreign keys on every connection. This module does no queries of its own.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from llmprep.errors import UserError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def make_engine(url: str) -> Engine:
    """An engine for `url`; SQLite files get their folder created, WAL and foreign keys."""
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    try:
        return create_engine(url, pool_pre_ping=True)
    except (ImportError, SQLAlchemyError) as exc:
        raise UserError(
            f"Cannot use the database URL ({exc.__class__.__name__}: {exc}).",
            "For PostgreSQL install the extra: uv sync --extra postgres, and use "
            "postgresql+psycopg://user:password@host/dbname",
        ) from exc


def alembic_config() -> Config:
    """An Alembic config pointing at the packaged migrations."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def upgrade(engine: Engine) -> None:
    """Run every pending migration."""
    cfg = alembic_config()
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    except OperationalError as exc:
        raise UserError(
            f"Cannot open the database: {exc.orig}",
            "Check LLMPREP_DATABASE_URL (or that LLMPREP_HOME is a writable folder) "
            "and that the database server runs.",
        ) from exc


def table_names(engine: Engine) -> set[str]:
    """Tables present in the database (for checks and tests)."""
    return set(inspect(engine).get_table_names())
