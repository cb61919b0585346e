"""Fit the rubric grader's score calibration on SAF *training* data only and store it in the package.

Rows come from benchmarks/data/saf_v1_training.jsonl and saf_v2_training.jsonl. SAF v1 and v2 share many
answers (196 of v1's unseen_answers reappear in v2's training split), so every training row whose student
answer (5+ words) occurs in any unseen split, or whose question is in an unseen_questions split, of either
version is dropped first: no held-out answer or question influences the map. Empty and off-topic answers
score 0 by rule, so they are left out of the fit. The grader runs uncalibrated; its continuous rubric signal is mapped to
the gold score (0-10, per-question normalised) by binned isotonic regression (see
llmprep.services.grading.calibration) and written to src/llmprep/services/grading/calibration.json.

Usage: uv run python benchmarks/fit_calibration.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from llmprep.backends.embedding.cached import CachedEmbedder
from llmprep.backends.embedding.minilm import OnnxMiniLMEmbedder
from llmprep.cli.bench import read_rows
from llmprep.config import default_home
from llmprep.services.grading import RubricGrader
from llmprep.services.grading.agreement import pearson
from llmprep.services.grading.calibration import PACKAGED, fit_calibration

DATA = Path(__file__).resolve().parent / "data"
CACHE = Path(os.environ.get("LLMPREP_HOME") or default_home()) / "cache" / "bench-embeddings.sqlite"


def _held_out() -> tuple[set[str], set[str]]:
    answers, questions = set(), set()
    for path in DATA.glob("saf_*_unseen_*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if len(row["student_answer"].split()) >= 5:  # generic strings ("No submission.") are not leaks
                answers.add(" ".join(row["student_answer"].split()))
            if (
                "unseen_questions" in path.name
            ):  # unseen_answers share their questions with training by design
                questions.add(" ".join(row["question"].split()))
    return answers, questions


def main() -> None:
    held_answers, held_questions = _held_out()
    embedder = CachedEmbedder(OnnxMiniLMEmbedder(), CACHE)
    grader = RubricGrader(embedder, calibrated=False, cache_answers=True)
    signal, target = [], []
    dropped = 0
    for name in ("saf_v1_training.jsonl", "saf_v2_training.jsonl"):
        for row in read_rows(DATA / name):
            if (
                " ".join(row.answer.split()) in held_answers
                or " ".join(row.task.prompt.split()) in held_questions
            ):
                dropped += 1
                continue
            grade, value = grader.grade_with_signal(row.task, row.answer)
            if {"empty", "off-topic"} & set(grade.flags):
                continue  # these score 0 by rule; the map is only used for the others
            signal.append(value)
            target.append(10.0 * row.score / row.max_score)
    calibration = fit_calibration("saf-train-iso1", signal, target, embedder.name)
    PACKAGED.write_text(calibration.to_json() + "\n", encoding="utf-8")
    fitted = [calibration.apply(s) for s in signal]
    print(f"fit on {len(signal)} training rows ({dropped} dropped as overlapping held-out data)")
    print(f"training pearson: signal {pearson(signal, target):.3f}, calibrated {pearson(fitted, target):.3f}")
    print(f"wrote {PACKAGED} ({len(calibration.xs)} knots)")


if __name__ == "__main__":
    main()
