"""Quality gate: the rubric grader on the bank's own model answers (issue 4).

Every servable item's model answer, graded against its own key points, must score at least `GATE` and
must not be flagged as a prompt injection or keyword stuffing; a deliberately wrong answer (one
misconception's belief given as the whole answer) must score below `WRONG_MAX`. Items in `BELOW_GATE`
(known debt, listed with their last scores) may not fall further; none may be added to lower the gate. The distribution is printed (`pytest -s`) so drift is visible. One shared
MiniLM grader; the question side is embedded in one batch and the model answers in another, so the run
takes well under a minute and a half on two cores.
"""

from __future__ import annotations

import statistics
from pathlib import Path

import pytest

from llmprep.backends.embedding.registry import make_embedder
from llmprep.content.loading import load_bank
from llmprep.domain.grading import Grade, GradingTask
from llmprep.domain.questions import Item
from llmprep.services.grading import RubricGrader
from llmprep.services.grading.text import normalise, units

pytestmark = pytest.mark.slow

CONTENT = Path(__file__).resolve().parents[2] / "content"
GATE = 7.0
WRONG_MAX = 4.0
# Below the gate at the last measured run (2026-11-23, rubric-1.1: n=413, min 2.1, p10 7.1, median 8.8),
# with their scores then. Not yet diagnosed item by item: the lowest are a STAR behavioural story (key points
# are notes to the grader, "Situation: ...") and two estimates (key points are numbers the answer derives
# in other units). Each is held to its recorded score less `SLACK` (no regression) until its key points or
# the grader are fixed; every other item must reach `GATE`. Never add an item here to pass the gate.
BELOW_GATE: dict[str, float] = {
    "agent-memory": 6.9,
    "alignment-difficulty": 6.9,
    "alignment-techniques-safety-view": 5.7,
    "attention-dot-product-softmax-scaling": 6.5,
    "choosing-embedding-model": 5.4,
    "choosing-vector-database": 6.2,
    "chunking-financial-reports": 6.2,
    "context-window": 6.2,
    "customizing-llms-with-private-data": 6.2,
    "cvr-model-rtb-bidding": 4.7,
    "estimate-finetuning-memory-7b": 2.5,
    "estimate-training-flops-gpu-days": 2.9,
    "evaluate-new-model-vs-production": 6.1,
    "explain-to-non-technical-stakeholders": 5.0,
    "explaining-llms-non-technical": 6.8,
    "fine-tuning-training-loop": 6.7,
    "finetuning-experience-story": 2.1,
    "hybrid-search-rrf": 4.2,
    "hyperparameters": 6.9,
    "linear-regression-assumptions": 6.9,
    "lstm-vs-transformers": 6.9,
    "multimodal-benefits-challenges": 6.7,
    "nf4-dequant-triton-kernel": 6.9,
    "prompt-writing-strategies": 6.4,
    "prompting-against-hallucination-and-bias": 6.4,
    "qa-finetuning-dataset": 6.8,
    "rag-benefits-limitations": 5.4,
    "rag-evaluation": 6.7,
    "rag-pipeline": 6.9,
    "rag-quality-design-choices": 4.2,
    "rag-retrieval-pipeline-code": 5.4,
    "react-prompting": 5.8,
    "top-k-top-p-sampling": 6.8,
    "torch-compile-graph-breaks": 6.4,
    "training-stability-analysis": 6.2,
    "vector-database-basics": 6.5,
}
SLACK = 1.0


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Item, Grade, list[float]]]:
    bank = load_bank(CONTENT)
    embedder = make_embedder("minilm", tmp_path_factory.mktemp("home"))
    grader = RubricGrader(embedder, cache_answers=True)
    items = bank.servable()
    tasks = [GradingTask.from_item(it) for it in items]
    question_side = [text for task in tasks for text in grader.rubric_texts(task)]
    answer_side = [u.text for it in items for u in units(normalise(it.answer))[0]]
    beliefs = [m.belief for it in items for m in it.misconceptions]
    embedder.embed(list(dict.fromkeys(question_side + answer_side + beliefs)))  # one batch, then cached
    out = {}
    for it, task in zip(items, tasks, strict=True):
        wrong = [grader.grade(task, m.belief).score for m in it.misconceptions]
        out[it.id] = (it, grader.grade(task, it.answer), wrong)
    return out


def test_model_answers_score_at_least_the_gate(graded: dict[str, tuple[Item, Grade, list[float]]]) -> None:
    scores = sorted((g.score, item_id) for item_id, (_, g, _) in graded.items())
    values = [s for s, _ in scores]
    print(  # the distribution, for the record (pytest -s)
        f"\nmodel answers: n={len(values)} min={values[0]} p10={values[len(values) // 10]} "
        f"median={statistics.median(values)} mean={statistics.fmean(values):.2f}; lowest: {scores[:10]}"
    )
    low = [(s, i) for s, i in scores if s < (BELOW_GATE[i] - SLACK if i in BELOW_GATE else GATE)]
    assert low == [], f"model answers below the gate: {low}"


def test_model_answers_are_not_flagged(graded: dict[str, tuple[Item, Grade, list[float]]]) -> None:
    flagged = {
        i: g.flags
        for i, (_, g, _) in graded.items()
        if {"prompt-injection", "keyword-stuffing"} & set(g.flags)
    }
    assert flagged == {}


def test_a_misconception_as_the_whole_answer_scores_low(
    graded: dict[str, tuple[Item, Grade, list[float]]],
) -> None:
    high = {
        i: [(m.belief[:60], s) for m, s in zip(it.misconceptions, wrong, strict=True) if s >= WRONG_MAX]
        for i, (it, _, wrong) in graded.items()
    }
    assert {i: v for i, v in high.items() if v} == {}
