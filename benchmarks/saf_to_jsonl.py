"""Convert SAF (Short Answer Feedback, English part) into the `llmprep bench grading` JSONL format.

Input: /work/shared/data/saf/saf_en_v1.jsonl and saf_en_v2.jsonl (one JSON object a line, fields version,
split, question_id, question, reference_answer, answer_id, student_answer, score, ...). Output: one file
per version and split, benchmarks/data/saf_<version>_<split>.jsonl, each line
{id, question, reference_answer, student_answer, score, max_score, question_id}.

v1 scores are in [0, 1]; some v2 questions are scored in raw points (max 0.5 to 3.5), so `max_score` is
the highest score any answer to that question received in any split of that version (per-question
normalisation). Tutor feedback is dropped: the benchmark must never see anything derived from the grade.

SAF: Filighera, Parihar, Steuer, Meuser, Ochs, "Your Answer is Incorrect... Would you like to know why?
Introducing a Bilingual Short Answer Feedback Dataset", ACL 2022. Data licence CC BY 4.0.

Usage: uv run python benchmarks/saf_to_jsonl.py [--src /work/shared/data/saf] [--out benchmarks/data]
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent


def convert(src: Path, out: Path) -> list[Path]:
    """Write every version/split file; return the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for source in sorted(src.glob("saf_en_v*.jsonl")):
        rows = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
        top: dict[str, float] = defaultdict(float)
        for r in rows:
            top[r["question_id"]] = max(top[r["question_id"]], float(r["score"]))
        by_split: dict[tuple[str, str], list[dict[str, object]]] = defaultdict(list)
        for r in rows:
            by_split[(r["version"], r["split"])].append(
                {
                    "id": r["answer_id"],
                    "question_id": r["question_id"],
                    "question": r["question"],
                    "reference_answer": r["reference_answer"],
                    "student_answer": r["student_answer"],
                    "score": float(r["score"]),
                    "max_score": top[r["question_id"]] or 1.0,
                }
            )
        for (version, split), items in sorted(by_split.items()):
            path = out / f"saf_{version}_{split}.jsonl"
            path.write_text(
                "".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8"
            )
            written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, default=Path("/work/shared/data/saf"))
    parser.add_argument("--out", type=Path, default=HERE / "data")
    args = parser.parse_args()
    for path in convert(args.src, args.out):
        print(f"wrote {path} ({sum(1 for _ in path.open(encoding='utf-8'))} rows)")


if __name__ == "__main__":
    main()
