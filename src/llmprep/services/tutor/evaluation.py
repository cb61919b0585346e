"""Retrieval evaluation on BEIR-format data: reading the files, nDCG@k, recall@k and latency percentiles.

BEIR layout: `corpus.jsonl` ({"_id", "title", "text"}), `queries.jsonl` ({"_id", "text"}) and
`qrels/test.tsv` (header, then query-id, corpus-id, score). nDCG uses graded gains (2^rel - 1) and the
ideal ranking of the judged documents, as BEIR's pytrec_eval does; queries without a positive judgement
are skipped. Everything here is pure apart from `read_beir`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from llmprep.errors import UserError


@dataclass(frozen=True, slots=True)
class BeirSet:
    """A BEIR-format dataset."""

    corpus: dict[str, tuple[str, str]]  # id -> (title, text)
    queries: dict[str, str]
    qrels: dict[str, dict[str, int]]  # query id -> doc id -> relevance


def _jsonl(path: Path) -> list[dict[str, object]]:
    if not path.is_file():
        raise UserError(
            f"Missing {path}.", "A BEIR directory holds corpus.jsonl, queries.jsonl, qrels/test.tsv."
        )
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise UserError(f"{path}:{number}: invalid JSON ({exc.msg}).", "Fix the line.") from exc
    return rows


def read_beir(folder: Path, split: str = "test") -> BeirSet:
    """Read a BEIR directory; only queries with judgements in `qrels/<split>.tsv` are kept.

    Raises:
        UserError: a file is missing or malformed.
    """
    corpus = {
        str(r["_id"]): (str(r.get("title") or ""), str(r.get("text") or ""))
        for r in _jsonl(folder / "corpus.jsonl")
    }
    queries = {str(r["_id"]): str(r["text"]) for r in _jsonl(folder / "queries.jsonl")}
    qrels_path = folder / "qrels" / f"{split}.tsv"
    if not qrels_path.is_file():
        raise UserError(f"Missing {qrels_path}.", "A BEIR directory holds qrels/test.tsv.")
    qrels: dict[str, dict[str, int]] = {}
    for number, line in enumerate(qrels_path.read_text(encoding="utf-8").splitlines(), 1):
        parts = line.strip().split("\t")
        if not line.strip() or (number == 1 and not parts[-1].lstrip("-").isdigit()):
            continue  # blank line or header
        if len(parts) < 3:
            raise UserError(f"{qrels_path}:{number}: expected query-id, corpus-id, score.", "Fix the line.")
        qrels.setdefault(parts[0], {})[parts[1]] = int(parts[-1])
    qrels = {q: d for q, d in qrels.items() if q in queries and any(v > 0 for v in d.values())}
    if not qrels:
        raise UserError(f"{folder}: no query has a positive judgement.", "Check qrels and query ids.")
    return BeirSet(corpus, queries, qrels)


def ndcg_at(ranked: Sequence[str], relevant: dict[str, int], k: int = 10) -> float:
    """nDCG@k with gains 2^rel - 1."""
    dcg = sum((2 ** relevant.get(d, 0) - 1) / math.log2(i + 2) for i, d in enumerate(ranked[:k]))
    ideal = sorted((r for r in relevant.values() if r > 0), reverse=True)[:k]
    idcg = sum((2**r - 1) / math.log2(i + 2) for i, r in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def recall_at(ranked: Sequence[str], relevant: dict[str, int], k: int = 100) -> float:
    """Share of the relevant documents found in the first k."""
    positives = {d for d, r in relevant.items() if r > 0}
    return len(positives & set(ranked[:k])) / len(positives) if positives else 0.0


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100), linear interpolation between order statistics."""
    if not values:
        return 0.0
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100
    lo, hi = math.floor(pos), math.ceil(pos)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)
