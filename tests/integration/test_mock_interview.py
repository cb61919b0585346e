"""Mock interviews and interviewer kits through the services, on the fixture bank with a fake clock: a full
mock with follow-ups and its report; pause and resume across a new `Services` on the same database (a
server restart); the deadline; a kit scored live and from a transcript."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from llmprep.bootstrap import Services, build_services
from llmprep.domain.mocks import MockSpec
from llmprep.errors import UserError
from llmprep.services.exports import as_markdown, as_pdf
from llmprep.services.kits import kit_document, scorecard_document
from llmprep.services.mock_report import report_document
from tests.conftest import make_settings

GOOD_KV = (
    "The KV cache stores the keys and values of every past token at every layer so they are not recomputed. "
    "Each decoding step only computes projections for the new token and attends over the cached keys and values. "
    "Memory is 2 x layers x KV heads x head dim x tokens x batch x bytes per element, about 0.5 MiB per token for "
    "a 7B model in fp16. Grouped-query attention shares key/value heads across query heads. Paged attention "
    "manages fragmentation."
)


class FakeClock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def tick(self, **kw: float) -> None:
        self.now += timedelta(**kw)


@pytest.fixture
def home(_isolated_home: Path) -> Path:
    return _isolated_home


def _services(home: Path, clock: FakeClock) -> Services:
    services = build_services(make_settings(home))
    services.mocks.clock = clock
    services.kits.clock = clock
    return services


def test_full_mock_with_followups_report_and_review(home: Path) -> None:
    clock = FakeClock()
    s = _services(home, clock)
    mock = s.mocks.start(s.user, MockSpec("engineer", 30, "big-tech", (), 5))
    assert [sl.kind for sl in mock.slots] == ["concept", "concept", "practical"]
    view = s.mocks.view(s.user, mock.id)
    assert view.remaining_s == 30 * 60 and view.prompt is not None and not view.prompt.is_followup
    seen_followup = False
    model_answer = s.bank.items["kv-cache"].answer[:80]  # type: ignore[index]
    while view.prompt is not None:
        clock.tick(minutes=2)
        if view.prompt.kind == "practical":
            text = "About 12 GB: 2 x layers x heads x dim x tokens x bytes."
        elif view.prompt.is_followup:
            seen_followup = True
            text = "Every sequence in the batch has its own cache; GQA shares KV heads across query heads."
        else:
            text = GOOD_KV
        view = s.mocks.answer(s.user, mock.id, text)
        if view.prompt is not None:  # no model answer leaks into a running mock
            assert not hasattr(view.prompt, "answer") and model_answer not in view.prompt.text
    assert seen_followup and view.mock.status == "finished"
    r = s.mocks.report(s.user, mock.id)
    assert r["answered"] == 3 and r["total"] == 3 and 0 <= r["overall"] <= 10
    kv = next(q for q in r["questions"] if q["ref"] == "kv-cache")
    assert kv["made"] and kv["followups"] and kv["time_s"] >= 120 and kv["model_answer"]
    assert {t["topic"] for t in r["topics"]} >= {"inference", "transformers"}
    # main answers are attempts in mode "mock", reviewed with FSRS like practice
    attempts = s.store.list_attempts(s.user.id, item_id="kv-cache")
    assert attempts and attempts[0].mode == "mock"
    assert s.store.get_card(s.user.id, "kv-cache", "question") is not None
    md = as_markdown(report_document(r))
    assert "Study plan" in md and "Score per topic" in md
    assert as_pdf(report_document(r)).startswith(b"%PDF")
    with pytest.raises(UserError):
        s.mocks.answer(s.user, mock.id, "too late")


def test_pause_and_resume_survive_a_restart(home: Path) -> None:
    clock = FakeClock()
    s = _services(home, clock)
    mock = s.mocks.start(s.user, MockSpec("engineer", 30, "big-tech", (), 5))
    clock.tick(minutes=4)
    s.mocks.answer(s.user, mock.id, GOOD_KV)
    before = s.mocks.view(s.user, mock.id)
    s.mocks.pause(s.user, mock.id)
    clock.tick(hours=3)  # a long break, then the server restarts
    s2 = _services(home, clock)
    paused = s2.mocks.view(s2.user, mock.id)
    assert paused.mock.status == "paused" and paused.remaining_s == pytest.approx(26 * 60)
    assert paused.prompt == before.prompt
    with pytest.raises(UserError, match="paused"):
        s2.mocks.answer(s2.user, mock.id, "x")
    s2.mocks.resume(s2.user, mock.id)
    assert s2.mocks.view(s2.user, mock.id).remaining_s == pytest.approx(26 * 60)
    assert s2.mocks.open_mocks(s2.user)[0].id == mock.id


def test_the_deadline_ends_the_mock(home: Path) -> None:
    clock = FakeClock()
    s = _services(home, clock)
    mock = s.mocks.start(s.user, MockSpec("intern", 15, "ai-startup", (), 1))
    clock.tick(minutes=16)  # over time: the answer is kept, then the mock ends
    view = s.mocks.answer(s.user, mock.id, GOOD_KV)
    assert view.mock.status == "finished"
    other = s.mocks.start(s.user, MockSpec("intern", 15, "ai-startup", (), 2))
    clock.tick(minutes=30)  # walked away: the next look ends it
    assert s.mocks.view(s.user, other.id).mock.status == "finished"
    assert [m.id for m in s.mocks.history(s.user)] == [mock.id, other.id]


def test_skip_and_invalid_settings(home: Path) -> None:
    s = _services(home, FakeClock())
    with pytest.raises(UserError) as exc:
        s.mocks.start(s.user, MockSpec("ceo", 200, "bank"))
    assert len(exc.value.details) == 3
    mock = s.mocks.start(s.user, MockSpec("engineer", 30, "big-tech", (), 5))
    for _ in mock.slots:
        s.mocks.skip(s.user, mock.id)
    r = s.mocks.report(s.user, mock.id)
    assert r["overall"] == 0 and {q["status"] for q in r["questions"]} == {"skipped"}
    assert r["study_plan"] and r["study_plan"][0]["item_id"]


def test_kit_scored_live_and_from_a_transcript(home: Path) -> None:
    s = _services(home, FakeClock())
    kit = s.kits.build("engineer", "senior", 45, "big-tech", (), 3)
    assert kit.questions and all(set(q.anchors) == {1, 2, 3, 4} for q in kit.questions)
    assert kit.plan[-1].start + kit.plan[-1].minutes == pytest.approx(45)
    card = s.kits.new_scorecard(kit.id, "Ada")
    for i, q in enumerate(kit.questions):
        s.kits.mark(card.id, i, list(range(len(q.points))), None, "all points")
    card, kit = s.kits.scorecard(card.id)
    rec = s.kits.recommendation(card, kit)
    assert rec.outcome == "hire" and rec.mean == 4
    s.kits.mark(card.id, 0, [], 1, "froze")
    card, kit = s.kits.scorecard(card.id)
    assert s.kits.recommendation(card, kit).outcome == "lean no hire"  # a 1 caps senior candidates
    with pytest.raises(UserError):
        s.kits.mark(card.id, 0, [], 7, "")
    kv = next(i for i, q in enumerate(kit.questions) if q.ref == "kv-cache")
    transcript = "\n".join(
        f"Q{i + 1}: " + (GOOD_KV if i == kv else "I am not sure.") for i in range(len(kit.questions))
    )
    graded = s.kits.grade_transcript(kit.id, transcript, "Bob")
    assert (
        graded.source == "transcript" and graded.marks[kv].score is not None and graded.marks[kv].score >= 3
    )
    assert graded.marks[kv].ticks and all(graded.marks[i].score == 1 for i in graded.marks if i != kv)
    assert len(s.interviews.list_scorecards(kit.id)) == 2
    assert "Recommendation" in as_markdown(scorecard_document(card, kit, s.kits.recommendation(card, kit)))
    assert as_pdf(kit_document(kit)).startswith(b"%PDF")
