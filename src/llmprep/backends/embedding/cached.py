"""`CachedEmbedder`: any embedder plus a persistent cache, so each distinct text is embedded once.

Keys are sha256 of (embedder name, text); values are float32 vectors in one SQLite file (by default
`<home>/cache/embeddings.sqlite`, WAL mode), fronted by a bounded in-memory LRU. A different embedder
name never reads another's vectors. The cache holds derived data only: deleting the file is always safe.
It deliberately does not expire entries or track which bank version they came from.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from llmprep.backends.embedding.base import Embedder, Vectors

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS embeddings (key TEXT PRIMARY KEY, dim INTEGER NOT NULL, vec BLOB NOT NULL)"
)
_CHUNK = 500  # stays under SQLite's default limit of host parameters


def cache_key(embedder_name: str, text: str) -> str:
    """The cache key of one text for one embedder."""
    return hashlib.sha256(f"{embedder_name}\x00{text}".encode()).hexdigest()


class CachedEmbedder:
    """Wraps `inner`; same name and dimension, vectors served from memory, then SQLite, then the model."""

    supports_batch = True

    def __init__(self, inner: Embedder, path: Path, *, memory_items: int = 50_000) -> None:
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self.path = path
        self._memory: OrderedDict[str, Vectors] = OrderedDict()
        self._memory_items = memory_items
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None

    def _connect(self) -> sqlite3.Connection:
        if self._db is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute(_SCHEMA)
            self._db = db
        return self._db

    def close(self) -> None:
        """Close the SQLite connection (it reopens on the next call)."""
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None

    def embed(self, texts: Sequence[str]) -> Vectors:
        """Like `inner.embed`, but each distinct text is computed at most once per cache file."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        keys = [cache_key(self.name, t) for t in texts]
        with self._lock:
            found = self._from_memory(keys)
            missing = sorted({k for k in keys if k not in found})
            if missing:
                found.update(self._from_disk(missing))
            todo: dict[str, str] = {}
            for key, text in zip(keys, texts, strict=True):
                if key not in found and text.strip():
                    todo.setdefault(key, text)
            if todo:
                fresh = self.inner.embed(list(todo.values()))
                new = dict(zip(todo, fresh, strict=True))
                self._to_disk(new)
                found.update(new)
            for row, key in enumerate(keys):
                if key in found:
                    out[row] = found[key]
                    self._remember(key, found[key])
        return out

    def _from_memory(self, keys: list[str]) -> dict[str, Vectors]:
        found = {}
        for key in keys:
            vec = self._memory.get(key)
            if vec is not None:
                self._memory.move_to_end(key)
                found[key] = vec
        return found

    def _remember(self, key: str, vec: Vectors) -> None:
        self._memory[key] = vec
        self._memory.move_to_end(key)
        while len(self._memory) > self._memory_items:
            self._memory.popitem(last=False)

    def _from_disk(self, keys: list[str]) -> dict[str, Vectors]:
        db = self._connect()
        found: dict[str, Vectors] = {}
        for start in range(0, len(keys), _CHUNK):
            chunk = keys[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = db.execute(f"SELECT key, dim, vec FROM embeddings WHERE key IN ({marks})", chunk)
            for key, dim, blob in rows:
                if dim == self.dim:
                    found[key] = np.frombuffer(blob, dtype=np.float32).copy()
        return found

    def _to_disk(self, new: dict[str, Vectors]) -> None:
        db = self._connect()
        rows = [(k, self.dim, np.asarray(v, dtype=np.float32).tobytes()) for k, v in new.items()]
        with db:
            db.execute("BEGIN")
            db.executemany("INSERT OR REPLACE INTO embeddings (key, dim, vec) VALUES (?, ?, ?)", rows)
