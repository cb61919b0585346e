"""`llmprep bench retrieval --beir DIR`: the tutor's retrieval quality and speed on any BEIR directory.

Prints ndcg@10, recall@100, p50_ms, p95_ms and index_s (plus sizes and peak memory). The corpus is
indexed from scratch in a temporary folder with a cold embedding cache, so `index_s` is honest; the
vectors go to sqlite-vec unless --vector-url names a PostgreSQL database with pgvector.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from llmprep.backends.embedding.base import Embedder
from llmprep.backends.vectors.base import VectorIndex
from llmprep.cli.context import services_of
from llmprep.cli.output import err, out
from llmprep.services.tutor.benchmark import run_beir
from llmprep.services.tutor.evaluation import read_beir


def _cold(embedder: Embedder, folder: Path) -> Embedder:
    """The same model with an empty cache in `folder` (the hashing embedder has no cache)."""
    inner = getattr(embedder, "inner", None)
    if inner is None:
        return embedder
    from llmprep.backends.embedding.cached import CachedEmbedder

    return CachedEmbedder(inner, folder / "embeddings.sqlite", memory_items=2_000_000)


def retrieval(
    ctx: typer.Context,
    beir: Annotated[Path, typer.Option("--beir", help="BEIR directory: corpus.jsonl, queries.jsonl, qrels/")],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object")] = False,
    split: Annotated[str, typer.Option(help="qrels file to use (qrels/<split>.tsv)")] = "test",
    limit: Annotated[int | None, typer.Option(help="Evaluate only the first N queries")] = None,
    rerank: Annotated[bool, typer.Option("--rerank/--no-rerank", help="Passage-level rerank")] = True,
    vector_url: Annotated[str, typer.Option(help="PostgreSQL URL: store vectors with pgvector")] = "",
) -> None:
    """Index a BEIR corpus with the tutor's pipeline and report retrieval quality and latency."""
    services = services_of(ctx)
    data = read_beir(beir, split)
    with tempfile.TemporaryDirectory(prefix="llmprep-bench-") as tmp:
        folder = Path(tmp)
        embedder = _cold(services.embedder, folder)
        vectors: VectorIndex
        if vector_url:
            from llmprep.backends.vectors.pgvector import PgVectorIndex

            vectors = PgVectorIndex(vector_url, embedder.dim, table=f"llmprep_bench_{embedder.dim}")
            vectors.clear()
        else:
            from llmprep.backends.vectors.sqlite_vec import SqliteVecIndex

            vectors = SqliteVecIndex(folder / "vectors.sqlite", embedder.dim)
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err,
            transient=True,
            disable=as_json,
        ) as progress:
            tasks: dict[str, Any] = {}

            def report(stage: str, done: int, total: int) -> None:
                if stage not in tasks:
                    tasks[stage] = progress.add_task(f"{stage:>6}", total=total)
                progress.update(tasks[stage], completed=done)

            result = run_beir(data, embedder, vectors, folder, rerank=rerank, limit=limit, on_progress=report)
    summary = {"data": str(beir), **result}
    if as_json:
        typer.echo(json.dumps(summary))
        return
    table = Table("metric", "value", title=f"{beir.name} · {result['embedder']} · {result['vectors']}")
    for key, value in summary.items():
        table.add_row(key, f"{value:g}" if isinstance(value, float) else str(value))
    out.print(table)
