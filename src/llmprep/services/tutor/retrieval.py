"""Hybrid retrieval: BM25 and dense vectors fused with reciprocal rank fusion, then a passage-level rerank.

RRF (Cormack et al., 2009) scores a document sum(1 / (k + rank)) over the ranked lists it appears in,
with k = 60; it needs no score calibration between BM25 and cosine. The rerank embeds each candidate's
sentences with the same bi-encoder (the embedder's cache makes repeats cheap) and fuses a third ranking,
by best-sentence cosine, into the first two: a chunk whose single sentence answers the question rises.
`support` (best-sentence cosine) is what the answerers compare with the refusal threshold. No
cross-encoder ships offline (see docs), so the rerank deliberately stays with the bi-encoder.
"""

from __future__ import annotations

import time
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

import numpy as np

from llmprep.backends.embedding.base import Embedder
from llmprep.services.tutor.chunking import sentence_spans, sentence_texts
from llmprep.services.tutor.index import ChunkRow, TutorIndex

RRF_K = 60


def rrf(rankings: Sequence[Sequence[int]], k: int = RRF_K) -> list[tuple[int, float]]:
    """Fuse ranked id lists: (id, sum of 1/(k + rank)) best first; ties keep first-seen order."""
    scores: dict[int, float] = {}
    for ranking in rankings:
        for rank, doc in enumerate(ranking, 1):
            scores[doc] = scores.get(doc, 0.0) + 1.0 / (k + rank)
    return sorted(scores.items(), key=lambda kv: -kv[1])


@dataclass(frozen=True, slots=True)
class Hit:
    """A retrieved chunk with its scores and the cosine of each of its sentences to the query."""

    chunk: ChunkRow
    score: float
    support: float = 0.0
    sentence_scores: tuple[tuple[int, int, float], ...] = ()  # (start, end, cosine)


@dataclass(slots=True)
class Timings:
    """Milliseconds per stage of the last search."""

    stages: dict[str, float] = field(default_factory=dict)


class HybridRetriever:
    """Searches a `TutorIndex`; `depth` candidates per list, `rerank_depth` of them reranked."""

    def __init__(
        self, index: TutorIndex, embedder: Embedder, *, depth: int = 100, rerank_depth: int = 20
    ) -> None:
        self.index = index
        self.embedder = embedder
        self.depth = depth
        self.rerank_depth = rerank_depth
        self.timings = Timings()

    def fused(self, query: str, k: int, *, exclude: Collection[str] = ()) -> list[tuple[int, float]]:
        """BM25 + dense fused by RRF, without rerank; chunks of excluded item ids are dropped."""
        t0 = time.perf_counter()
        lexical = self.index.search_lexical(query, self.depth)
        t1 = time.perf_counter()
        qvec = self.embedder.embed([query])[0]
        t2 = time.perf_counter()
        dense = self.index.search_dense(qvec, self.depth)
        t3 = time.perf_counter()
        fused = rrf([[i for i, _ in lexical], [i for i, _ in dense]])
        self.timings.stages = {
            "bm25_ms": (t1 - t0) * 1000,
            "embed_ms": (t2 - t1) * 1000,
            "vector_ms": (t3 - t2) * 1000,
        }
        if exclude:
            rows = self.index.chunks([i for i, _ in fused])
            fused = [(i, s) for i, s in fused if i in rows and rows[i].item_id not in exclude]
        return fused[:k]

    def search(
        self, query: str, k: int = 10, *, exclude: Collection[str] = (), rerank: bool = True
    ) -> list[Hit]:
        """The best k chunks for `query`, reranked at passage level unless `rerank` is False."""
        fused = self.fused(query, max(k, self.rerank_depth), exclude=exclude)
        rows = self.index.chunks([i for i, _ in fused])
        hits = [Hit(rows[i], s) for i, s in fused if i in rows]
        if not rerank or not hits:
            return hits[:k]
        t0 = time.perf_counter()
        head = self._rerank(query, hits[: self.rerank_depth])
        self.timings.stages["rerank_ms"] = (time.perf_counter() - t0) * 1000
        return (head + hits[self.rerank_depth :])[:k]

    def _rerank(self, query: str, hits: list[Hit]) -> list[Hit]:
        spans = [sentence_spans(h.chunk.text) for h in hits]
        texts = [t for h in hits for t in sentence_texts(h.chunk.title, h.chunk.text)]
        vectors = self.embedder.embed([query, *texts])
        sims = vectors[1:] @ vectors[0]
        scored: list[Hit] = []
        pos = 0
        for hit, sp in zip(hits, spans, strict=True):
            part = sims[pos : pos + len(sp)]
            pos += len(sp)
            per = tuple((a, b, float(s)) for (a, b), s in zip(sp, part, strict=True))
            scored.append(Hit(hit.chunk, hit.score, float(np.max(part)) if len(part) else 0.0, per))
        by_support = sorted(range(len(scored)), key=lambda j: -scored[j].support)
        fused = rrf([list(range(len(scored))), by_support])
        return [Hit(scored[j].chunk, s, scored[j].support, scored[j].sentence_scores) for j, s in fused]
