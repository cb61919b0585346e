"""Write a synthetic BEIR directory of N short documents for the tutor's latency and scale runs.

Documents are two sentences drawn (seeded) from the bank's answers plus a unique phrase, so the text is
real English of the right length; each query is one document's unique phrase plus one of its sentences,
and that document is its only judged relevant one. Because sentences repeat across documents, nDCG here
says little: use the run for p50/p95 latency, index time and memory, not for quality.
Run: uv run python benchmarks/synthetic_beir.py --docs 10000 --queries 200 --out /tmp/synth10k
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from llmprep.config import Settings
from llmprep.content.loading import load_bank
from llmprep.services.tutor.chunking import split_sentences

WORDS = "alpha bravo cobalt delta ember falcon garnet harbor indigo juniper kestrel lumen".split()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    settings = Settings()
    bank = load_bank(settings.content_dir, settings.seeds_file)
    pool = [
        s.replace("\n", " ")
        for it in bank.servable()
        for s in split_sentences(it.answer)
        if 40 <= len(s) <= 300 and "```" not in s and "|" not in s
    ]
    rng = random.Random(args.seed)
    args.out.joinpath("qrels").mkdir(parents=True, exist_ok=True)
    docs = []
    with args.out.joinpath("corpus.jsonl").open("w", encoding="utf-8") as fh:
        for n in range(args.docs):
            tag = " ".join(rng.choice(WORDS) for _ in range(3)) + f" {n}"
            sentences = rng.sample(pool, 2)
            docs.append((f"d{n}", tag, sentences))
            text = f"{sentences[0]} {sentences[1]} Reference {tag}."
            fh.write(json.dumps({"_id": f"d{n}", "title": f"Note {n}", "text": text}) + "\n")
    picked = rng.sample(docs, min(args.queries, len(docs)))
    with args.out.joinpath("queries.jsonl").open("w", encoding="utf-8") as fh:
        for i, (_, tag, sentences) in enumerate(picked):
            fh.write(json.dumps({"_id": f"q{i}", "text": f"{tag}: {rng.choice(sentences)}"}) + "\n")
    with args.out.joinpath("qrels", "test.tsv").open("w", encoding="utf-8") as fh:
        fh.write("query-id\tcorpus-id\tscore\n")
        for i, (doc_id, _, _) in enumerate(picked):
            fh.write(f"q{i}\t{doc_id}\t1\n")
    print(f"{args.docs} documents ({len(pool)} distinct sentences), {len(picked)} queries -> {args.out}")


if __name__ == "__main__":
    main()
