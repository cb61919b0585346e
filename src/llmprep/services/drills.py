"""Estimation drills as a use case: deal a fresh drill, grade the number (with units) and the reasoning,
and keep the attempt (item id `drill:<kind>`, mode `drill`).

Score = 6 points for the number (right 6, close 3) + 4 points for the reasoning, graded by the rubric
grader against the drill's reasoning steps. The drill is regenerated from (kind, seed), so nothing about
an open drill needs storing.
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass
from datetime import UTC, datetime

from llmprep.domain.estimation import GENERATORS, Drill, NumberCheck, check_number, make_drill
from llmprep.domain.grading import Grade, Grader, GradingTask
from llmprep.domain.practice import Attempt, AttemptId, User
from llmprep.domain.quantities import parse_quantity
from llmprep.domain.questions import KeyPoint
from llmprep.errors import UserError
from llmprep.store.base import Store

NUMBER_POINTS = 6.0
REASONING_POINTS = 4.0


@dataclass(frozen=True, slots=True)
class DrillResult:
    """A graded drill answer."""

    drill: Drill
    number: NumberCheck
    reasoning: Grade
    score: float
    attempt: Attempt


class DrillService:
    """Deals and grades estimation drills."""

    def __init__(self, store: Store, grader: Grader) -> None:
        self.store = store
        self.grader = grader

    @staticmethod
    def kinds() -> list[str]:
        """The drill kinds available."""
        return sorted(GENERATORS)

    def deal(self, kind: str | None = None, seed: int | None = None) -> Drill:
        """A drill of `kind` (random when None) with fresh numbers (or the numbers of `seed`)."""
        rng = random.SystemRandom()
        kind = kind or rng.choice(self.kinds())
        if kind not in GENERATORS:
            raise UserError(f"Unknown drill kind '{kind}'.", f"Use one of: {', '.join(self.kinds())}")
        return make_drill(kind, seed if seed is not None else rng.randrange(1, 10**9))

    def submit(
        self,
        user: User,
        kind: str,
        seed: int,
        answer: str,
        reasoning: str = "",
        time_taken_s: float = 0.0,
        mode: str = "drill",
    ) -> DrillResult:
        """Grade an answer (the number, and the working shown in `reasoning` or in the answer itself)."""
        drill = self.deal(kind, seed)
        if not answer.strip():
            raise UserError(
                "Your answer is empty.", f"Give a number with its unit, e.g. '{drill.answer_text}'."
            )
        number = check_number(drill, parse_quantity(answer))
        work = "\n".join(p for p in (reasoning.strip(), answer.strip()) if p)
        task = GradingTask(drill.question, drill.solution, tuple(KeyPoint(s, 1.0) for s in drill.steps))
        grade = self.grader.grade(task, work)
        score = round(NUMBER_POINTS * number.credit + REASONING_POINTS * grade.score / 10.0, 1)
        attempt = self.store.add_attempt(
            Attempt(
                id=AttemptId(0),
                user_id=user.id,
                item_id=f"drill:{kind}",
                answer=f"{answer.strip()}\n\n{reasoning}".strip(),
                time_taken_s=max(0.0, time_taken_s),
                score=score,
                verdicts=[asdict(p) | {"evidence": list(p.evidence)} for p in grade.points],
                misconceptions=[],
                flags=[*grade.flags, f"number:{number.verdict}", f"seed:{seed}"],
                feedback=f"{number.note}\n\n{drill.solution}",
                grader_version=grade.grader_version,
                confidence=grade.confidence,
                created_at=datetime.now(UTC),
                mode=mode,
            )
        )
        return DrillResult(drill, number, grade, score, attempt)
