"""Quality gate: the rubric grader on the bank's own model answers (issue 4).

Every servable item's model answer, graded against its own key points, must score at least `GATE` and
must not be flagged as a prompt injection or keyword stuffing; a deliberately wrong answer (one
misconception's belief given as the whole answer) must score below `WRONG_MAX`. Items listed in
`UNCHECKABLE` are held to `FLOOR` only, each with the reason its key points cannot be checked against
the model answer by a rubric. The distribution is printed (`pytest -s`) so drift is visible. One shared
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
FLOOR = 6.5
WRONG_MAX = 4.0
UNCHECKABLE: dict[str, str] = {}


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
    low = [(s, i) for s, i in scores if s < (FLOOR if i in UNCHECKABLE else GATE)]
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
