"""What a grader receives and returns, as pure data.

A `GradingTask` is what is known about a question (its key points, or only a reference answer); a
`Grade` is the result: a 0-10 score recomputable from per-key-point verdicts, the answer sentences that
support each verdict, misconceptions found, flags (e.g. a prompt injection) and a confidence. How the
verdicts are reached lives in `llmprep.services.grading`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

from llmprep.domain.questions import Item, KeyPoint, Misconception

Verdict = Literal["covered", "partial", "missing"]
VERDICT_CREDIT: dict[str, float] = {"covered": 1.0, "partial": 0.5, "missing": 0.0}


@dataclass(frozen=True, slots=True)
class GradingTask:
    """A question as the grader sees it."""

    prompt: str
    reference_answer: str
    key_points: tuple[KeyPoint, ...] = ()
    misconceptions: tuple[Misconception, ...] = ()
    item_id: str = ""

    @classmethod
    def from_item(cls, item: Item) -> GradingTask:
        """The task for a bank item."""
        return cls(item.prompt, item.answer, item.key_points, item.misconceptions, item.id)


@dataclass(frozen=True, slots=True)
class PointVerdict:
    """The verdict on one key point, with the answer sentences that support it."""

    text: str
    weight: float
    verdict: Verdict
    similarity: float
    evidence: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True)
class MisconceptionHit:
    """A misconception the answer appears to state."""

    belief: str
    why_wrong: str
    evidence: str


@dataclass(frozen=True, slots=True)
class Grade:
    """A graded answer. `score` is 0-10."""

    score: float
    points: tuple[PointVerdict, ...]
    feedback: str
    grader_version: str
    confidence: float = 0.5
    misconceptions: tuple[MisconceptionHit, ...] = ()
    flags: tuple[str, ...] = ()

    @property
    def covered(self) -> list[PointVerdict]:
        """Key points the answer made."""
        return [p for p in self.points if p.verdict == "covered"]

    @property
    def missed(self) -> list[PointVerdict]:
        """Key points the answer did not make (missing or only partly)."""
        return [p for p in self.points if p.verdict != "covered"]


def rubric_score(points: tuple[PointVerdict, ...] | list[PointVerdict]) -> float:
    """0-10 score from verdicts: weighted share of credit (covered 1, partial 0.5)."""
    total = sum(p.weight for p in points)
    if total <= 0:
        return 0.0
    got = sum(p.weight * VERDICT_CREDIT[p.verdict] for p in points)
    return round(10.0 * got / total, 1)


def rating_for_score(score: float) -> int:
    """Map a 0-10 score to an FSRS rating: 1 Again, 2 Hard, 3 Good, 4 Easy."""
    if score < 4.0:
        return 1
    if score < 6.5:
        return 2
    if score < 8.5:
        return 3
    return 4


class Grader(Protocol):
    """The grading role: a task and an answer in, a `Grade` out. Must never see a gold score."""

    version: str

    def grade(self, task: GradingTask, answer: str) -> Grade:
        """Grade one answer."""
        ...
