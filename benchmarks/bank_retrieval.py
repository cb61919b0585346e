"""Build benchmarks/data/bank_retrieval/ (BEIR format) from the bank and the hand-written paraphrases.

corpus.jsonl: every servable bank item as one document (title; answer, key points and follow-ups, i.e.
what the tutor indexes). queries.jsonl + qrels/test.tsv: benchmarks/bank_paraphrases.tsv, each a
question reworded by hand (not the item's prompt) whose one relevant document is its item.
Run: uv run python benchmarks/bank_retrieval.py
"""

from __future__ import annotations

import json
from pathlib import Path

from llmprep.config import Settings
from llmprep.content.loading import load_bank

HERE = Path(__file__).resolve().parent
OUT = HERE / "data" / "bank_retrieval"


def main() -> None:
    settings = Settings()
    bank = load_bank(settings.content_dir, settings.seeds_file)
    items = sorted(bank.servable(), key=lambda i: i.id)
    OUT.joinpath("qrels").mkdir(parents=True, exist_ok=True)
    with OUT.joinpath("corpus.jsonl").open("w", encoding="utf-8") as fh:
        for it in items:
            parts = [it.answer, "Key points:\n" + "\n".join(f"- {k.text}" for k in it.key_points)]
            if it.followups:
                parts.append("Follow-ups:\n" + "\n".join(f"- {f.question}" for f in it.followups))
            fh.write(json.dumps({"_id": it.id, "title": it.title, "text": "\n\n".join(parts)}) + "\n")
    known = {it.id for it in items}
    rows = []
    for line in HERE.joinpath("bank_paraphrases.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            item_id, question = line.split("\t", 1)
            if item_id not in known:
                raise SystemExit(f"unknown item {item_id}")
            rows.append((f"q{len(rows) + 1:03d}", item_id, question.strip()))
    with OUT.joinpath("queries.jsonl").open("w", encoding="utf-8") as fh:
        for qid, _, question in rows:
            fh.write(json.dumps({"_id": qid, "text": question}) + "\n")
    with OUT.joinpath("qrels", "test.tsv").open("w", encoding="utf-8") as fh:
        fh.write("query-id\tcorpus-id\tscore\n")
        for qid, item_id, _ in rows:
            fh.write(f"{qid}\t{item_id}\t1\n")
    print(f"{len(items)} documents, {len(rows)} queries -> {OUT}")


if __name__ == "__main__":
    main()
