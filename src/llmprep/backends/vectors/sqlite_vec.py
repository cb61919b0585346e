"""`SqliteVecIndex`: vectors in a `vec0` virtual table of the sqlite-vec extension, in one SQLite file.

Search is exact (sqlite-vec scans every vector in C; 10k x 384 takes a few milliseconds). Python's own
`sqlite3` is used when it may load extensions; builds that cannot (pyenv's default, some distributions)
use `sqlean`, a drop-in sqlite3 with extension loading. sqlite-vec caps k at 4096 per query.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from llmprep.backends.embedding.base import Vectors
from llmprep.errors import InternalError

MAX_K = 4096


def connect_with_extensions(path: Path | str) -> Any:
    """A DB-API connection with sqlite-vec loaded (stdlib sqlite3 if it can load extensions, else sqlean).

    Raises:
        InternalError: neither can load sqlite-vec (a broken install).
    """
    import sqlite_vec

    module: Any = sqlite3
    if not hasattr(sqlite3.Connection, "enable_load_extension"):
        try:
            import sqlean
        except ImportError as exc:
            raise InternalError(
                "This Python's sqlite3 cannot load extensions and sqlean-py is missing.",
                "Reinstall llmprep (it depends on sqlean-py), or set LLMPREP_VECTOR_URL to PostgreSQL.",
            ) from exc
        module = sqlean
    db = module.connect(str(path), check_same_thread=False, isolation_level=None)
    db.enable_load_extension(True)
    sqlite_vec.load(db)
    db.enable_load_extension(False)
    return db


class SqliteVecIndex:
    """Exact cosine search with sqlite-vec; one table per `table` name in the file at `path`."""

    name = "sqlite-vec"
    is_exact = True

    def __init__(self, path: Path | str, dim: int, *, table: str = "vectors") -> None:
        if not table.isidentifier():
            raise ValueError(f"bad table name {table!r}")
        self.path = path
        self.dim = dim
        self.table = table
        self._db: Any = None
        self._lock = threading.Lock()

    def _conn(self) -> Any:
        if self._db is None:
            if isinstance(self.path, Path):
                self.path.parent.mkdir(parents=True, exist_ok=True)
            db = connect_with_extensions(self.path)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {self.table} "
                f"USING vec0(embedding float[{self.dim}] distance_metric=cosine)"
            )
            self._db = db
        return self._db

    def add(self, ids: Sequence[int], vectors: Vectors) -> None:
        """Insert or replace (vec0 has no upsert: delete, then insert, in one transaction)."""
        vectors = np.asarray(vectors, dtype=np.float32).reshape(len(ids), self.dim)
        rows = [(int(i), v.tobytes()) for i, v in zip(ids, vectors, strict=True) if np.any(v)]
        with self._lock:
            db = self._conn()
            db.execute("BEGIN")
            try:
                db.executemany(f"DELETE FROM {self.table} WHERE rowid = ?", [(int(i),) for i in ids])
                db.executemany(f"INSERT INTO {self.table}(rowid, embedding) VALUES (?, ?)", rows)
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    def remove(self, ids: Sequence[int]) -> None:
        """Delete these ids."""
        with self._lock:
            db = self._conn()
            db.execute("BEGIN")
            db.executemany(f"DELETE FROM {self.table} WHERE rowid = ?", [(int(i),) for i in ids])
            db.execute("COMMIT")

    def search(self, query: Vectors, k: int) -> list[tuple[int, float]]:
        """Exact k nearest by cosine (k is capped at 4096)."""
        q = np.asarray(query, dtype=np.float32).reshape(self.dim)
        if k <= 0 or not np.any(q):
            return []
        with self._lock:
            rows = (
                self._conn()
                .execute(
                    f"SELECT rowid, distance FROM {self.table} WHERE embedding MATCH ? AND k = ? "
                    "ORDER BY distance",
                    (q.tobytes(), min(k, MAX_K)),
                )
                .fetchall()
            )
        return [(int(r), 1.0 - float(d)) for r, d in rows if d == d]  # d != d drops NaN

    def count(self) -> int:
        """Number of stored vectors."""
        with self._lock:
            return int(self._conn().execute(f"SELECT count(*) FROM {self.table}").fetchone()[0])

    def clear(self) -> None:
        """Drop every vector."""
        with self._lock:
            self._conn().execute(f"DELETE FROM {self.table}")

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None
