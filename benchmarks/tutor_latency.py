"""Query latency of the tutor's hybrid retrieval over a large corpus, with the real MiniLM query path.

Embedding 10k+ chunks with MiniLM takes long on a small shared machine, and search cost does not depend
on what the stored vectors mean: sqlite-vec scans every vector, BM25 depends on the text only. So this
script stores 384-dimension *hashing* vectors for the corpus (labelled as such) and times each query
through the production path: BM25 (bm25s), MiniLM query embedding (packaged ONNX model), sqlite-vec exact
search and RRF fusion. No rerank (its cost, cached sentence vectors plus a dot product, is measured on
the bank set). Quality numbers from this script are meaningless and are not printed.
Run: uv run python benchmarks/tutor_latency.py /tmp/synth10k [--queries 200]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import tempfile
import time
from pathlib import Path

from llmprep.backends.embedding.hashing import HashingEmbedder
from llmprep.backends.embedding.minilm import OnnxMiniLMEmbedder
from llmprep.backends.vectors.sqlite_vec import SqliteVecIndex
from llmprep.services.tutor.benchmark import corpus_docs
from llmprep.services.tutor.evaluation import percentile, read_beir
from llmprep.services.tutor.index import TutorIndex
from llmprep.services.tutor.retrieval import HybridRetriever


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("beir", type=Path)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    data = read_beir(args.beir)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus_embedder = HashingEmbedder(dim=384)
        index = TutorIndex(
            folder / "chunks.sqlite",
            SqliteVecIndex(folder / "v.sqlite", 384),
            corpus_embedder,
            embed_sentences=False,
        )
        start = time.perf_counter()
        index.sync(corpus_docs(data))
        index.search_lexical("warm up", 1)
        index_s = time.perf_counter() - start
        query_embedder = OnnxMiniLMEmbedder()
        retriever = HybridRetriever(index, query_embedder)
        queries = [data.queries[q] for q in sorted(data.qrels)][: args.queries]
        retriever.search(queries[0], k=200, rerank=False)  # loads the model
        wall, cpu, stages = [], [], {"bm25_ms": [], "embed_ms": [], "vector_ms": []}
        load = os.getloadavg()[0]
        for q in queries:
            t0, c0 = time.perf_counter(), time.process_time()
            retriever.search(q, k=200, rerank=False)
            wall.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
            for key, value in retriever.timings.stages.items():
                stages[key].append(value)
        chunks = index.count()
        index.close()
    result = {
        "data": str(args.beir),
        "chunks": chunks,
        "queries": len(queries),
        "p50_ms": round(percentile(wall, 50), 2),
        "p95_ms": round(percentile(wall, 95), 2),
        "cpu_p50_ms": round(percentile(cpu, 50), 2),
        "cpu_p95_ms": round(percentile(cpu, 95), 2),
        **{f"p50_{k}": round(percentile(v, 50), 2) for k, v in stages.items()},
        "index_s (hashing vectors)": round(index_s, 2),
        "load_avg_1m": round(load, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
