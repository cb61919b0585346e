"""`TutorIndex`: the tutor's searchable corpus, i.e. sources, their chunks, a BM25 index and vectors.

Sources (one per bank item, one per note file) and chunks live in SQLite at `<home>/tutor/chunks.sqlite`;
vectors live in any `VectorIndex` under the chunk's row id. Invariants: a source is re-chunked and
re-embedded only when its content hash changes; every chunk row has its vector (or a zero vector for
empty text, which the index never returns); switching embedder re-embeds everything. The BM25 index
(`bm25s`, Snowball-stemmed, English stop words) is rebuilt in memory after a change, on the next search:
indexing 10k chunks takes about a second, so it is deliberately not persisted. With `embed_sentences`,
writing also embeds each chunk's sentences once, so that a cached embedder serves the reranker.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from llmprep.backends.embedding.base import Embedder
from llmprep.backends.vectors.base import VectorIndex
from llmprep.services.tutor.chunking import sentence_texts

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sources (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, title TEXT NOT NULL, location TEXT NOT NULL,
    item_id TEXT, hash TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS chunks (
    id INTEGER PRIMARY KEY AUTOINCREMENT, source_id TEXT NOT NULL REFERENCES sources(id),
    ord INTEGER NOT NULL, section TEXT NOT NULL, text TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS chunks_source ON chunks(source_id);
"""
EMBED_BATCH = 256


@dataclass(frozen=True, slots=True)
class SourceDoc:
    """A document ready to index: identity, provenance and its chunks as (section, text) pairs."""

    id: str
    kind: str  # 'bank' or 'note'
    title: str
    location: str  # '/q/<item id>' for bank items, the absolute file path for notes
    hash: str
    chunks: tuple[tuple[str, str], ...]
    item_id: str | None = None


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """A stored source, with how many chunks it has."""

    id: str
    kind: str
    title: str
    location: str
    item_id: str | None
    hash: str
    chunks: int


@dataclass(frozen=True, slots=True)
class ChunkRow:
    """A stored chunk joined with its source."""

    id: int
    source_id: str
    kind: str
    title: str
    location: str
    item_id: str | None
    section: str
    text: str

    @property
    def search_text(self) -> str:
        """What BM25 and the embedder see: title and section give the chunk its context."""
        return f"{self.title}\n{self.section}\n{self.text}"


class TutorIndex:
    """Sources, chunks and their lexical and dense indexes."""

    def __init__(
        self, path: Path, vectors: VectorIndex, embedder: Embedder, *, embed_sentences: bool = True
    ) -> None:
        self.path = path
        self.embed_sentences = embed_sentences
        self.vectors = vectors
        self.embedder = embedder
        self._lock = threading.RLock()
        self._db: sqlite3.Connection | None = None
        self._bm25: Any = None
        self._bm25_ids: list[int] = []
        self._tokenizer: Any = None

    def _conn(self) -> sqlite3.Connection:
        if self._db is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(_SCHEMA)
            self._db = db
            self._check_embedder(db)
        return self._db

    def _check_embedder(self, db: sqlite3.Connection) -> None:
        """Forget all hashes (so everything is re-embedded) when the embedder changed."""
        row = db.execute("SELECT value FROM meta WHERE key = 'embedder'").fetchone()
        if row is not None and row[0] == self.embedder.name:
            return
        db.execute("UPDATE sources SET hash = ''")
        self.vectors.clear()
        db.execute("INSERT OR REPLACE INTO meta VALUES ('embedder', ?)", (self.embedder.name,))

    def close(self) -> None:
        """Close the SQLite connection and the vector index."""
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None
            self.vectors.close()

    # -- writing ---------------------------------------------------------------------------------------

    def hashes(self, kind: str | None = None) -> dict[str, str]:
        """Source id -> stored content hash."""
        with self._lock:
            sql = "SELECT id, hash FROM sources"
            args: tuple[str, ...] = ()
            if kind:
                sql, args = sql + " WHERE kind = ?", (kind,)
            return dict(self._conn().execute(sql, args).fetchall())

    def sync(self, docs: Iterable[SourceDoc], *, on_progress: Callable[[int], None] | None = None) -> int:
        """Store the docs whose hash changed; `on_progress(n)` after each n docs handled. Returns changed."""
        known = self.hashes()
        changed = 0
        batch: list[SourceDoc] = []
        for doc in docs:
            if known.get(doc.id) == doc.hash:
                if on_progress:
                    on_progress(1)
                continue
            batch.append(doc)
            if sum(len(d.chunks) for d in batch) >= EMBED_BATCH:
                changed += self._write(batch, on_progress)
                batch = []
        if batch:
            changed += self._write(batch, on_progress)
        return changed

    def _write(self, docs: Sequence[SourceDoc], on_progress: Callable[[int], None] | None) -> int:
        texts = [f"{d.title}\n{section}\n{text}" for d in docs for section, text in d.chunks]
        vectors = self.embedder.embed(texts) if texts else np.zeros((0, self.embedder.dim), np.float32)
        if self.embed_sentences:  # warms the embedder's cache so the passage rerank costs no model calls
            self.embedder.embed(
                [t for d in docs for _, text in d.chunks for t in sentence_texts(d.title, text)]
            )
        with self._lock:
            db = self._conn()
            old = self._delete_chunks(db, [d.id for d in docs])
            self.vectors.remove(old)
            ids: list[int] = []
            db.execute("BEGIN")
            for d in docs:
                db.execute(
                    "INSERT OR REPLACE INTO sources (id, kind, title, location, item_id, hash) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (d.id, d.kind, d.title, d.location, d.item_id, d.hash),
                )
                for ord_, (section, text) in enumerate(d.chunks):
                    cur = db.execute(
                        "INSERT INTO chunks (source_id, ord, section, text) VALUES (?, ?, ?, ?)",
                        (d.id, ord_, section, text),
                    )
                    ids.append(int(cur.lastrowid or 0))
            db.execute("COMMIT")
            if ids:
                self.vectors.add(ids, vectors)
            self._bm25 = None
        if on_progress:
            on_progress(len(docs))
        return len(docs)

    def _delete_chunks(self, db: sqlite3.Connection, source_ids: Sequence[str]) -> list[int]:
        old: list[int] = []
        for sid in source_ids:
            old += [r[0] for r in db.execute("SELECT id FROM chunks WHERE source_id = ?", (sid,))]
            db.execute("DELETE FROM chunks WHERE source_id = ?", (sid,))
        return old

    def remove(self, source_ids: Sequence[str]) -> int:
        """Forget these sources and their chunks. Returns how many sources existed."""
        with self._lock:
            db = self._conn()
            old = self._delete_chunks(db, source_ids)
            self.vectors.remove(old)
            gone = 0
            for sid in source_ids:
                gone += db.execute("DELETE FROM sources WHERE id = ?", (sid,)).rowcount
            self._bm25 = None
            return gone

    # -- reading ---------------------------------------------------------------------------------------

    def sources(self, kind: str | None = None) -> list[SourceInfo]:
        """Stored sources (optionally of one kind), by location."""
        sql = (
            "SELECT s.id, s.kind, s.title, s.location, s.item_id, s.hash, count(c.id) FROM sources s "
            "LEFT JOIN chunks c ON c.source_id = s.id"
        )
        args: tuple[str, ...] = ()
        if kind:
            sql, args = sql + " WHERE s.kind = ?", (kind,)
        with self._lock:
            rows = self._conn().execute(sql + " GROUP BY s.id ORDER BY s.location", args).fetchall()
        return [SourceInfo(*r) for r in rows]

    def chunks(self, ids: Sequence[int]) -> dict[int, ChunkRow]:
        """Chunk rows by id (unknown ids are absent)."""
        out: dict[int, ChunkRow] = {}
        with self._lock:
            db = self._conn()
            for start in range(0, len(ids), 500):
                part = [int(i) for i in ids[start : start + 500]]
                marks = ",".join("?" * len(part))
                for r in db.execute(
                    "SELECT c.id, c.source_id, s.kind, s.title, s.location, s.item_id, c.section, c.text "
                    f"FROM chunks c JOIN sources s ON s.id = c.source_id WHERE c.id IN ({marks})",
                    part,
                ):
                    out[int(r[0])] = ChunkRow(*r)
        return out

    def count(self) -> int:
        """Number of chunks."""
        with self._lock:
            return int(self._conn().execute("SELECT count(*) FROM chunks").fetchone()[0])

    def _ensure_bm25(self) -> None:
        if self._bm25 is not None:
            return
        import bm25s
        import Stemmer
        from bm25s.tokenization import Tokenizer

        with self._lock:
            rows = (
                self._conn()
                .execute(
                    "SELECT c.id, s.title, c.section, c.text FROM chunks c JOIN sources s ON s.id = c.source_id "
                    "ORDER BY c.id"
                )
                .fetchall()
            )
        tokenizer = Tokenizer(stopwords="en", stemmer=Stemmer.Stemmer("english"))
        texts = [f"{title}\n{section}\n{text}" for _, title, section, text in rows]
        retriever = bm25s.BM25()
        if texts:
            tokens = tokenizer.tokenize(texts, show_progress=False, return_as="ids")
            retriever.index(tokens, show_progress=False)
        self._bm25_ids = [int(r[0]) for r in rows]
        self._tokenizer = tokenizer
        self._bm25 = retriever

    def search_lexical(self, query: str, k: int) -> list[tuple[int, float]]:
        """BM25: (chunk id, score) best first, only chunks sharing a term with the query."""
        with self._lock:
            self._ensure_bm25()
            if not self._bm25_ids:
                return []
            q = self._tokenizer.tokenize([query], update_vocab=False, show_progress=False, return_as="ids")
            if not q or not q[0]:
                return []
            docs, scores = self._bm25.retrieve(q, k=min(k, len(self._bm25_ids)), show_progress=False)
        return [(self._bm25_ids[int(d)], float(s)) for d, s in zip(docs[0], scores[0], strict=True) if s > 0]

    def search_dense(self, query_vector: Any, k: int) -> list[tuple[int, float]]:
        """Vector search: (chunk id, cosine) best first."""
        return self.vectors.search(query_vector, k)
