"""Running the tutor's retrieval over a BEIR dataset: index the corpus, time every query, score the ranking.

Each corpus document becomes one source (chunked like a note); a query's document ranking is the order in
which its chunks first appear in the hybrid results (100 chunks deep per list). `index_s` covers chunking,
embedding (cold: the caller passes an embedder with an empty cache), vector storage and the BM25 build;
latency covers the whole query path (query embedding, BM25, vector search, fusion, rerank) per query, as
wall time and as process CPU time (`cpu_*`: what the query costs, whatever else the machine is running;
on a shared, loaded machine wall time is mostly waiting for a core, hence `load_avg_1m`).
"""

from __future__ import annotations

import os
import resource
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from llmprep.backends.embedding.base import Embedder
from llmprep.backends.vectors.base import VectorIndex
from llmprep.services.tutor.chunking import chunk_text
from llmprep.services.tutor.evaluation import BeirSet, ndcg_at, percentile, recall_at
from llmprep.services.tutor.index import SourceDoc, TutorIndex
from llmprep.services.tutor.ingest import MAX_CHARS, OVERLAP_CHARS
from llmprep.services.tutor.retrieval import HybridRetriever


def corpus_docs(data: BeirSet) -> list[SourceDoc]:
    """One source per corpus document."""
    docs = []
    for doc_id, (title, text) in data.corpus.items():
        chunks = chunk_text(text, max_chars=MAX_CHARS, overlap_chars=OVERLAP_CHARS) if text.strip() else []
        docs.append(
            SourceDoc(
                id=doc_id,
                kind="doc",
                title=title,
                location=doc_id,
                hash="bench",
                chunks=tuple((c.heading, c.text) for c in chunks) or (("", title),),
            )
        )
    return docs


def run_beir(
    data: BeirSet,
    embedder: Embedder,
    vectors: VectorIndex,
    workdir: Path,
    *,
    rerank: bool = True,
    limit: int | None = None,
    on_progress: Callable[[str, int, int], None] | None = None,
) -> dict[str, Any]:
    """Index `data` in `workdir` and evaluate every judged query (the first `limit`)."""
    cached = hasattr(embedder, "inner")  # pre-embedding sentences only pays off with a cache to fill
    index = TutorIndex(workdir / "chunks.sqlite", vectors, embedder, embed_sentences=rerank and cached)
    docs = corpus_docs(data)
    start = time.perf_counter()
    done = 0

    def advance(n: int) -> None:
        nonlocal done
        done += n
        if on_progress:
            on_progress("index", done, len(docs))

    index.sync(docs, on_progress=advance)
    index.search_lexical("warm up", 1)  # builds BM25: part of indexing
    index_s = time.perf_counter() - start
    retriever = HybridRetriever(index, embedder)
    query_ids = sorted(data.qrels)[:limit] if limit else sorted(data.qrels)
    retriever.search(data.queries[query_ids[0]], k=10, rerank=rerank)  # warm-up (model load)
    ndcgs, recalls, latencies, cpu = [], [], [], []
    load = os.getloadavg()[0]
    for n, qid in enumerate(query_ids, 1):
        t0, c0 = time.perf_counter(), time.process_time()
        hits = retriever.search(data.queries[qid], k=200, rerank=rerank)
        latencies.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
        ranked = list(dict.fromkeys(h.chunk.source_id for h in hits))
        ndcgs.append(ndcg_at(ranked, data.qrels[qid], 10))
        recalls.append(recall_at(ranked, data.qrels[qid], 100))
        if on_progress:
            on_progress("query", n, len(query_ids))
    chunks = index.count()
    index.close()
    return {
        "ndcg@10": round(sum(ndcgs) / len(ndcgs), 4),
        "recall@100": round(sum(recalls) / len(recalls), 4),
        "p50_ms": round(percentile(latencies, 50), 2),
        "p95_ms": round(percentile(latencies, 95), 2),
        "index_s": round(index_s, 2),
        "cpu_p50_ms": round(percentile(cpu, 50), 2),
        "cpu_p95_ms": round(percentile(cpu, 95), 2),
        "load_avg_1m": round(load, 2),
        "queries": len(query_ids),
        "docs": len(docs),
        "chunks": chunks,
        "embedder": embedder.name,
        "vectors": vectors.name,
        "rerank": rerank,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
