"""Running a mock interview: start, show the current prompt, grade an answer and choose the follow-up,
skip, pause and resume, finish with a report.

Invariants: every bit of state is in the database (`InterviewStore`), so a reload or a server restart
resumes exactly where the candidate was; the clock is the stored `deadline` (moved on resume by the
paused time), never the browser's. Main answers to bank items go through `PracticeService.submit` with
mode "mock", so they are kept as attempts and scheduled with FSRS like practice. Model answers are only
part of the report, never of a running mock's view. An answer sent after the deadline is still kept,
then the mock ends; a mock left running `GRACE_S` past its deadline ends on the next look.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from llmprep.domain.challenges import Challenge
from llmprep.domain.grading import Grader, GradingTask
from llmprep.domain.mocks import ChallengeRef, Mock, MockSpec, Slot, Turn, check_spec, compose, next_followup
from llmprep.domain.practice import User
from llmprep.domain.questions import Bank, Followup, KeyPoint
from llmprep.errors import NotFoundError, UserError
from llmprep.services.drills import DrillService
from llmprep.services.mock_report import build_report, slot_view
from llmprep.services.practice import PracticeService, check_answer_text
from llmprep.store.interviews import InterviewStore

GRACE_S = 120.0


class StalePromptError(UserError):
    """An answer sent for a prompt that is no longer the current one."""

    status = 409


Clock = Callable[[], datetime]


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class Prompt:
    """What the candidate must answer now (no model answer, ever)."""

    slot_index: int
    kind: str
    title: str
    text: str
    topic: str
    is_followup: bool
    rung: int | None
    depth: int
    starter: str = ""

    @property
    def key(self) -> str:
        """Identifies the prompt within its mock ('<slot>:<rung or main>')."""
        return f"{self.slot_index}:{'main' if self.rung is None else self.rung}"


@dataclass(frozen=True, slots=True)
class MockView:
    """A mock as the candidate sees it at `now`."""

    mock: Mock
    prompt: Prompt | None
    remaining_s: float
    answered: int
    total: int
    last_note: str = ""


class MockService:
    """Use cases of mock interviews."""

    def __init__(
        self,
        bank: Bank,
        store: InterviewStore,
        practice: PracticeService,
        grader: Grader,
        drills: DrillService,
        challenges: Callable[[], dict[str, Challenge]] | None = None,
        judge: Callable[[str, str], tuple[int, int]] | None = None,
        clock: Clock = _now,
    ) -> None:
        self.bank = bank
        self.store = store
        self.practice = practice
        self.grader = grader
        self.drills = drills
        self.challenges = challenges
        self.judge = judge
        self.clock = clock

    # --- lifecycle -----------------------------------------------------------------------------------
    def start(self, user: User, spec: MockSpec) -> Mock:
        """Compose and start a mock; the clock starts now."""
        problems = check_spec(spec, self.bank.topics)
        if problems:
            raise UserError(
                "The mock settings are not valid.", "Correct the listed fields.", details=problems
            )
        if spec.seed == 0:
            spec = replace(spec, seed=random.SystemRandom().randrange(1, 2**31 - 1))
        comp = compose(
            spec, self.bank.servable(), self.bank.topics, self._challenge_refs(), self.drills.kinds()
        )
        if not comp.slots:
            raise UserError(
                "No questions fit these settings.", "Choose more topics, another role or no topic filter."
            )
        now = self.clock()
        mock = Mock(
            0, user.id, spec, comp.slots, "running", 0, None, now, now + timedelta(minutes=spec.minutes), now
        )
        return self.store.add_mock(mock)

    def get(self, user: User, mock_id: int) -> Mock:
        """A mock of this user, ended when it ran out of time; NotFoundError otherwise."""
        mock = self.store.get_mock(mock_id)
        if mock is None or mock.user_id != user.id:
            raise NotFoundError(
                f"No mock interview {mock_id}.", "Start one on the Mock page or with 'llmprep mock start'."
            )
        if mock.status == "running" and mock.remaining_s(self.clock()) < -GRACE_S:
            mock = self.finish(user, mock.id)
        return mock

    def view(self, user: User, mock_id: int) -> MockView:
        """The current prompt and the clock."""
        mock = self.get(user, mock_id)
        turns = self.store.list_turns(mock.id)
        answered = len({t.slot_index for t in turns if t.rung is None})
        prompt = None if mock.status == "finished" else self._prompt(mock, turns)
        return MockView(mock, prompt, mock.remaining_s(self.clock()), answered, len(mock.slots))

    def pause(self, user: User, mock_id: int) -> Mock:
        """Stop the clock."""
        mock = self._open(user, mock_id)
        if mock.status == "paused":
            return mock
        mock = replace(mock, status="paused", paused_at=self.clock())
        self.store.save_mock(mock)
        return mock

    def resume(self, user: User, mock_id: int) -> Mock:
        """Restart the clock; the deadline and the question's start move by the paused time."""
        mock = self._open(user, mock_id)
        if mock.status != "paused" or mock.paused_at is None:
            return mock
        gap = self.clock() - mock.paused_at
        mock = replace(
            mock,
            status="running",
            paused_at=None,
            deadline=mock.deadline + gap,
            question_started_at=mock.question_started_at + gap,
        )
        self.store.save_mock(mock)
        return mock

    def finish(self, user: User, mock_id: int) -> Mock:
        """End the mock and store its report (idempotent)."""
        mock = self.store.get_mock(mock_id)
        if mock is None or mock.user_id != user.id:
            raise NotFoundError(
                f"No mock interview {mock_id}.", "List your mocks with 'llmprep mock report'."
            )
        if mock.status == "finished" and mock.report is not None:
            return mock
        now = self.clock()
        report = build_report(mock, self.store.list_turns(mock.id), self.bank, self._challenge_titles(), now)
        mock = replace(mock, status="finished", paused_at=None, finished_at=now, report=report)
        self.store.save_mock(mock)
        return mock

    def report(self, user: User, mock_id: int) -> dict[str, Any]:
        """The stored report of a finished mock."""
        mock = self.get(user, mock_id)
        if mock.status != "finished" or mock.report is None:
            raise UserError(
                f"Mock {mock_id} is still running.",
                "Finish it first (the Finish button, or answer every question).",
            )
        return mock.report

    def history(self, user: User) -> list[Mock]:
        """Finished mocks, oldest first (for the trend)."""
        return list(reversed(self.store.list_mocks(user.id, status="finished")))

    def open_mocks(self, user: User) -> list[Mock]:
        """Running or paused mocks, newest first."""
        return [m for m in self.store.list_mocks(user.id) if m.status != "finished"]

    # --- answering -----------------------------------------------------------------------------------
    def answer(self, user: User, mock_id: int, text: str, expect: str | None = None) -> MockView:
        """Grade the answer to the current prompt, then ask a follow-up or move on.

        `expect` is the `Prompt.key` the answer was written for; a stale form (sent twice, or from the
        browser's history) names an earlier prompt and is refused instead of answering the current one.
        """
        mock = self._open(user, mock_id)
        if mock.status == "paused":
            raise UserError("The mock is paused.", "Resume it to answer (the clock restarts).")
        turns = self.store.list_turns(mock.id)
        prompt = self._prompt(mock, turns)
        if prompt is None:
            return self.view(user, self.finish(user, mock.id).id)
        if expect and expect != prompt.key:
            raise StalePromptError(
                "That answer was for a question you have already answered.",
                "The current question is shown; nothing was recorded twice.",
            )
        text = check_answer_text(text, self.practice.max_chars)
        now = self.clock()
        taken = max(0.0, (now - mock.question_started_at).total_seconds())
        slot = mock.slots[prompt.slot_index]
        turn, note = self._grade(user, mock, slot, prompt, text, taken, now)
        turns.append(self.store.add_turn(turn))
        rung = self._choose_rung(slot, turns, prompt.slot_index)
        if rung is not None and mock.remaining_s(now) > 0:
            mock = replace(mock, pending_rung=rung, question_started_at=now)
        else:
            mock = replace(mock, current=prompt.slot_index + 1, pending_rung=None, question_started_at=now)
        self.store.save_mock(mock)
        if mock.current >= len(mock.slots) or mock.remaining_s(now) <= 0:
            self.finish(user, mock.id)
        view = self.view(user, mock.id)
        return replace(view, last_note=note)

    def skip(self, user: User, mock_id: int) -> MockView:
        """Skip the current question (scores 0) or stop the follow-ups and move on (resumes a paused mock)."""
        mock = self._open(user, mock_id)
        if mock.status == "paused":
            mock = self.resume(user, mock_id)
        turns = self.store.list_turns(mock.id)
        prompt = self._prompt(mock, turns)
        now = self.clock()
        if prompt is not None and not prompt.is_followup:
            self.store.add_turn(
                Turn(
                    0,
                    mock.id,
                    prompt.slot_index,
                    None,
                    prompt.text,
                    "",
                    0.0,
                    [],
                    max(0.0, (now - mock.question_started_at).total_seconds()),
                    now,
                    skipped=True,
                )
            )
        index = prompt.slot_index if prompt is not None else mock.current
        mock = replace(mock, current=index + 1, pending_rung=None, question_started_at=now)
        self.store.save_mock(mock)
        if mock.current >= len(mock.slots):
            self.finish(user, mock.id)
        return self.view(user, mock.id)

    # --- internals -----------------------------------------------------------------------------------
    def _open(self, user: User, mock_id: int) -> Mock:
        mock = self.get(user, mock_id)
        if mock.status == "finished":
            raise UserError(f"Mock {mock_id} has ended.", f"Its report is at /mock/{mock_id}/report.")
        return mock

    def _prompt(self, mock: Mock, turns: list[Turn]) -> Prompt | None:
        if mock.current >= len(mock.slots):
            return None
        slot = mock.slots[mock.current]
        info = slot_view(slot, self.bank, self._challenge_titles(), self.challenges)
        depth = sum(1 for t in turns if t.slot_index == mock.current and t.rung is not None)
        if mock.pending_rung is not None:
            item = self.bank.get(slot.ref)
            if item is not None and mock.pending_rung < len(item.followups):
                rung = item.followups[mock.pending_rung]
                return Prompt(
                    mock.current,
                    slot.kind,
                    info["title"],
                    rung.question,
                    slot.topic,
                    True,
                    mock.pending_rung,
                    depth + 1,
                )
        return Prompt(
            mock.current,
            slot.kind,
            info["title"],
            info["prompt"],
            slot.topic,
            False,
            None,
            0,
            info.get("starter", ""),
        )

    def _choose_rung(self, slot: Slot, turns: list[Turn], index: int) -> int | None:
        item = self.bank.get(slot.ref) if slot.kind in ("concept", "design", "behavioral") else None
        if item is None or not item.followups:
            return None
        mine = [t for t in turns if t.slot_index == index]
        main = next((t for t in mine if t.rung is None), None)
        if main is None or main.skipped:
            return None
        missed = [str(p["text"]) for p in main.points if p.get("verdict") != "covered"]
        asked = [t.rung for t in mine if t.rung is not None]
        last = mine[-1].score if asked else None
        return next_followup(item.followups, missed, asked, last)

    def _grade(
        self, user: User, mock: Mock, slot: Slot, prompt: Prompt, text: str, taken: float, now: datetime
    ) -> tuple[Turn, str]:
        base = Turn(0, mock.id, prompt.slot_index, prompt.rung, prompt.text, text, 0.0, [], taken, now)
        if prompt.is_followup and prompt.rung is not None:
            item = self.practice.item(slot.ref)
            rung: Followup = item.followups[prompt.rung]
            task = GradingTask(
                rung.question,
                " ".join(rung.expected_points),
                tuple(KeyPoint(p, 1.0) for p in rung.expected_points),
            )
            grade = self.grader.grade(task, text)
            return replace(base, score=grade.score, points=_points(grade.points)), "Follow-up noted."
        if slot.ref.startswith("drill:"):
            _, kind, seed = slot.ref.split(":")
            res = self.drills.submit(user, kind, int(seed), text, time_taken_s=taken, mode="mock")
            points = [
                *_points(res.reasoning.points),
                {
                    "text": f"The number ({res.drill.unit})",
                    "weight": 1.0,
                    "verdict": {"right": "covered", "close": "partial"}.get(res.number.verdict, "missing"),
                },
            ]
            return replace(base, score=res.score, points=points, attempt_id=res.attempt.id), "Estimate noted."
        if slot.ref.startswith("challenge:"):
            passed, total = self.judge(slot.ref.split(":", 1)[1], text) if self.judge else (0, 0)
            score = round(10.0 * passed / total, 1) if total else 0.0
            point = {
                "text": f"Hidden tests passed: {passed}/{total}",
                "weight": 1.0,
                "verdict": "covered" if total and passed == total else "partial" if passed else "missing",
            }
            return replace(base, score=score, points=[point]), "Code submitted."
        sub = self.practice.submit(user, slot.ref, text, taken, mode="mock", now=now)
        return replace(
            base, score=sub.grade.score, points=_points(sub.grade.points), attempt_id=sub.attempt.id
        ), "Answer noted."

    def _challenge_refs(self) -> list[ChallengeRef]:
        if self.challenges is None or self.judge is None:
            return []
        return [ChallengeRef(c.slug, c.topic, tuple(c.levels)) for c in self.challenges().values()]

    def _challenge_titles(self) -> dict[str, str]:
        if self.challenges is None:
            return {}
        return {slug: c.title for slug, c in self.challenges().items()}


def _points(points: Any) -> list[dict[str, Any]]:
    return [{"text": p.text, "weight": p.weight, "verdict": p.verdict} for p in points]
