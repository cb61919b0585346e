"""Users, attempts, review cards and review logs: the records of a candidate's practice.

Plain frozen dataclasses; timestamps are timezone-aware UTC. Scheduling maths lives in
`llmprep.services.review` (the `fsrs` package), persistence in `llmprep.store`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal, NewType

UserId = NewType("UserId", int)
AttemptId = NewType("AttemptId", int)
CardKind = Literal["question", "challenge"]
RatingSource = Literal["graded", "self"]


@dataclass(frozen=True, slots=True)
class User:
    """A candidate. Single-user mode has one local user."""

    id: UserId
    name: str
    created_at: datetime
    interview_date: datetime | None = None
    target_role: str | None = None
    daily_minutes: int | None = None


@dataclass(frozen=True, slots=True)
class Attempt:
    """One graded answer, kept with everything needed to explain and re-check its grade."""

    id: AttemptId
    user_id: UserId
    item_id: str
    answer: str
    time_taken_s: float
    score: float
    verdicts: list[dict[str, object]]
    misconceptions: list[dict[str, object]]
    flags: list[str]
    feedback: str
    grader_version: str
    confidence: float
    created_at: datetime
    mode: str = "practice"


@dataclass(frozen=True, slots=True)
class ReviewCard:
    """The FSRS memory state of one item for one user."""

    user_id: UserId
    item_id: str
    kind: CardKind
    state: int
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime
    last_review: datetime | None
    reps: int = 0
    lapses: int = 0


@dataclass(frozen=True, slots=True)
class ReviewLog:
    """One review event: which rating, when, and from where (a graded answer or a self-rating)."""

    user_id: UserId
    item_id: str
    kind: CardKind
    rating: int
    reviewed_at: datetime
    source: RatingSource
    duration_s: float | None = None
    attempt_id: AttemptId | None = None


@dataclass(frozen=True, slots=True)
class Dispute:
    """A user's objection to one key-point verdict of an attempt."""

    attempt_id: AttemptId
    point_index: int
    reason: str
    created_at: datetime


@dataclass(slots=True)
class TopicMastery:
    """Per-topic summary for the dashboard: attempts, mean best score, cards due."""

    topic: str
    name: str
    items: int
    attempted: int = 0
    mean_best: float = 0.0
    due: int = 0
    extra: dict[str, float] = field(default_factory=dict)
