"""`PgVectorIndex`: vectors in a PostgreSQL table with the pgvector extension, searched by `<=>`.

With `hnsw=True` (the default) an HNSW index (vector_cosine_ops) makes search approximate and fast at
scale; `hnsw.ef_search` is raised per query to at least k so that k results come back. Uses psycopg 3
directly (the `postgres` extra); SQLAlchemy-style URLs (`postgresql+psycopg://`) are accepted. When the
server lacks the extension, opening the index raises `UserError` saying how to install it: there is
deliberately no slow pure-SQL fallback.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

import numpy as np

from llmprep.backends.embedding.base import Vectors
from llmprep.errors import UserError


def libpq_url(url: str) -> str:
    """A libpq URL from an SQLAlchemy one (drops the '+driver' part)."""
    scheme, sep, rest = url.partition("://")
    return f"{scheme.split('+')[0]}{sep}{rest}"


def _literal(vector: Vectors) -> str:
    return "[" + ",".join(f"{float(x):.7g}" for x in vector) + "]"


class PgVectorIndex:
    """pgvector on PostgreSQL; one table per `table` name."""

    name = "pgvector"

    def __init__(self, url: str, dim: int, *, table: str = "llmprep_vectors", hnsw: bool = True) -> None:
        if not table.isidentifier():
            raise ValueError(f"bad table name {table!r}")
        self.url = libpq_url(url)
        self.dim = dim
        self.table = table
        self.hnsw = hnsw
        self.is_exact = not hnsw
        self._db: Any = None
        self._lock = threading.Lock()

    def _conn(self) -> Any:
        if self._db is None:
            try:
                import psycopg
            except ImportError as exc:
                raise UserError(
                    "PostgreSQL support is not installed.", "Install llmprep[postgres] (psycopg)."
                ) from exc
            db = psycopg.connect(self.url, autocommit=True)
            try:
                db.execute("CREATE EXTENSION IF NOT EXISTS vector")
            except psycopg.Error as exc:
                db.close()
                raise UserError(
                    "The PostgreSQL server has no pgvector extension.",
                    "Install it on the server (e.g. apt-get install postgresql-16-pgvector), "
                    "or leave LLMPREP_VECTOR_URL empty to use sqlite-vec.",
                ) from exc
            db.execute(
                f"CREATE TABLE IF NOT EXISTS {self.table} (id bigint PRIMARY KEY, embedding vector({self.dim}))"
            )
            if self.hnsw:
                db.execute(
                    f"CREATE INDEX IF NOT EXISTS {self.table}_hnsw ON {self.table} "
                    "USING hnsw (embedding vector_cosine_ops)"
                )
            self._db = db
        return self._db

    def add(self, ids: Sequence[int], vectors: Vectors) -> None:
        """Upsert with INSERT .. ON CONFLICT (zero vectors are stored as absent)."""
        vectors = np.asarray(vectors, dtype=np.float32).reshape(len(ids), self.dim)
        rows = [(int(i), _literal(v)) for i, v in zip(ids, vectors, strict=True) if np.any(v)]
        zero = [(int(i),) for i, v in zip(ids, vectors, strict=True) if not np.any(v)]
        with self._lock:
            db = self._conn()
            with db.transaction(), db.cursor() as cur:
                cur.executemany(
                    f"INSERT INTO {self.table} (id, embedding) VALUES (%s, %s::vector) "
                    "ON CONFLICT (id) DO UPDATE SET embedding = EXCLUDED.embedding",
                    rows,
                )
                cur.executemany(f"DELETE FROM {self.table} WHERE id = %s", zero)

    def remove(self, ids: Sequence[int]) -> None:
        """Delete these ids."""
        with self._lock:
            self._conn().execute(f"DELETE FROM {self.table} WHERE id = ANY(%s)", ([int(i) for i in ids],))

    def search(self, query: Vectors, k: int) -> list[tuple[int, float]]:
        """k nearest by cosine distance (approximate with HNSW)."""
        q = np.asarray(query, dtype=np.float32).reshape(self.dim)
        if k <= 0 or not np.any(q):
            return []
        literal = _literal(q)
        with self._lock:
            db = self._conn()
            with db.transaction():
                if self.hnsw:
                    db.execute(f"SET LOCAL hnsw.ef_search = {max(40, min(int(k), 1000))}")
                rows = db.execute(
                    f"SELECT id, 1 - (embedding <=> %s::vector) FROM {self.table} "
                    "ORDER BY embedding <=> %s::vector LIMIT %s",
                    (literal, literal, int(k)),
                ).fetchall()
        return [(int(r), float(s)) for r, s in rows]

    def count(self) -> int:
        """Number of stored vectors."""
        with self._lock:
            return int(self._conn().execute(f"SELECT count(*) FROM {self.table}").fetchone()[0])

    def clear(self) -> None:
        """Drop every vector."""
        with self._lock:
            self._conn().execute(f"TRUNCATE {self.table}")

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None
