"""Interviewer kits as pure data: questions with anchored 1-4 rubrics, green and red flags, a time plan, and
the hire / no-hire rule applied to a scorecard.

A `KitQuestion` is a self-contained snapshot (prompt, key points, anchors, flags, follow-ups, model answer)
so a kit and its scorecards stay readable when the bank changes. When an item has no anchors they are
derived from its key points: the *essential* points are those with the highest weights (weight >= 2, or
all points when every weight is equal); 1 = none of them or wrong, 2 = some, 3 = all, 4 = all plus the
remaining points, trade-offs and a follow-up answered well.

The recommendation rule is `RULES[level]` on the mean 1-4 score, with a veto: any question scored 1
caps the outcome at "lean no hire" for senior and staff levels. No I/O here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from llmprep.domain.questions import Item

SENIORITY: tuple[str, ...] = ("junior", "mid", "senior", "staff")
OUTCOMES: tuple[str, ...] = ("hire", "lean hire", "lean no hire", "no hire")
# Minimum mean 1-4 score for hire, lean hire and lean no hire; below the last is no hire.
RULES: dict[str, tuple[float, float, float]] = {
    "junior": (2.75, 2.4, 2.0),
    "mid": (3.0, 2.6, 2.2),
    "senior": (3.25, 2.9, 2.5),
    "staff": (3.5, 3.2, 2.8),
}
VETO_LEVELS = ("senior", "staff")


@dataclass(frozen=True, slots=True)
class KitPoint:
    """A key point the interviewer listens for."""

    text: str
    weight: float = 1.0
    essential: bool = False


@dataclass(frozen=True, slots=True)
class KitQuestion:
    """One question of a kit, self-contained."""

    ref: str
    title: str
    prompt: str
    type: str
    topic: str
    minutes: float
    points: tuple[KitPoint, ...]
    anchors: dict[int, str]
    green_flags: tuple[str, ...]
    red_flags: tuple[str, ...]
    followups: tuple[tuple[str, tuple[str, ...]], ...] = ()
    answer: str = ""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        d = asdict(self)
        d["anchors"] = {str(k): v for k, v in self.anchors.items()}
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> KitQuestion:
        """Inverse of `to_dict`."""
        return cls(
            ref=d["ref"],
            title=d["title"],
            prompt=d["prompt"],
            type=d["type"],
            topic=d["topic"],
            minutes=float(d["minutes"]),
            points=tuple(KitPoint(p["text"], float(p["weight"]), bool(p["essential"])) for p in d["points"]),
            anchors={int(k): v for k, v in d["anchors"].items()},
            green_flags=tuple(d["green_flags"]),
            red_flags=tuple(d["red_flags"]),
            followups=tuple((q, tuple(e)) for q, e in d.get("followups", [])),
            answer=d.get("answer", ""),
        )


@dataclass(frozen=True, slots=True)
class TimePlanRow:
    """One block of the interview's time plan."""

    start: float
    minutes: float
    label: str


@dataclass(frozen=True, slots=True)
class Mark:
    """The interviewer's marks on one question."""

    ticks: tuple[int, ...] = ()
    score: int | None = None
    notes: str = ""


@dataclass(frozen=True, slots=True)
class Recommendation:
    """The outcome, the numbers behind it, and the rule in words."""

    outcome: str
    mean: float | None
    scored: int
    total: int
    rule: str
    vetoed: bool = False
    counts: dict[int, int] = field(default_factory=dict)


def essential_flags(weights: Sequence[float]) -> list[bool]:
    """Which key points are essential: weight >= 2, or every point when weights are all equal."""
    if not weights:
        return []
    if max(weights) == min(weights) or max(weights) < 2:
        return [True] * len(weights)
    return [w >= 2 for w in weights]


def derive_anchors(points: Sequence[KitPoint], followups: Sequence[str] = ()) -> dict[int, str]:
    """1-4 anchors from key points (for items that have none)."""
    essential = [p.text.rstrip(". ") for p in points if p.essential]
    extra = [p.text.rstrip(". ") for p in points if not p.essential]
    n = len(essential)
    four = "All of level 3, plus"
    four += f": {'; '.join(extra)}" if extra else " clear trade-offs and limits"
    if followups:
        four += f"; and answers a deeper follow-up well (e.g. {followups[0]})"
    return {
        1: "No answer, or a wrong one: none of the essential points, or states a misconception.",
        2: f"Some of the essential points ({max(1, n // 2)} of {n} or more), without the full mechanism.",
        3: "All essential points: " + "; ".join(essential) + ".",
        4: four.rstrip(".") + ".",
    }


def question_from_item(item: Item, minutes: float) -> KitQuestion:
    """A kit question from a bank item, with derived anchors when it has none."""
    flags = essential_flags([kp.weight for kp in item.key_points])
    points = tuple(KitPoint(kp.text, kp.weight, e) for kp, e in zip(item.key_points, flags, strict=True))
    followups = tuple((f.question, tuple(f.expected_points)) for f in item.followups)
    anchors = (
        dict(item.anchors) if len(item.anchors) == 4 else derive_anchors(points, [f[0] for f in followups])
    )
    green = tuple(p.text for p in points) + tuple(e for _q, exp in followups for e in exp)
    red = tuple(f"{m.belief} (why wrong: {m.why_wrong})" for m in item.misconceptions)
    if not red:
        first = next((p.text for p in points if p.essential), "")
        red = (f"Cannot explain the core point: {first}",) if first else ()
    return KitQuestion(
        item.id,
        item.title,
        item.prompt,
        item.type,
        item.topic,
        minutes,
        points,
        anchors,
        green,
        red,
        followups,
        item.answer,
    )


def question_from_steps(
    ref: str, title: str, prompt: str, steps: Sequence[str], answer: str, minutes: float
) -> KitQuestion:
    """A kit question for an estimation drill: its reasoning steps are the key points."""
    points = tuple(KitPoint(s, 1.0, True) for s in steps)
    anchors = {
        1: "No estimate, or one off by an order of magnitude with no method.",
        2: "A method with a wrong factor or unit (e.g. GB vs GiB, forgets a 2x), or a guessed number.",
        3: "The right formula and a number within about 10%, with units.",
        4: "All of level 3, plus sanity checks and what changes the estimate in practice.",
    }
    return KitQuestion(
        ref,
        title,
        prompt,
        "estimation",
        "coding",
        minutes,
        points,
        anchors,
        tuple(steps),
        ("States a number without a unit or a method.",),
        (),
        answer,
    )


def time_plan(minutes: int, questions: Sequence[KitQuestion]) -> list[TimePlanRow]:
    """Intro, one row per question, and time for the candidate's questions, starting at minute 0."""
    intro = 2.0 if minutes < 30 else 3.0
    rows = [TimePlanRow(0.0, intro, "Introductions and how the interview will run")]
    t = intro
    for n, q in enumerate(questions, 1):
        rows.append(TimePlanRow(round(t, 1), q.minutes, f"Q{n}. {q.title} ({q.type})"))
        t += q.minutes
    rows.append(
        TimePlanRow(round(t, 1), round(max(0.0, minutes - t), 1), "Candidate's questions and wrap-up")
    )
    return rows


def wrap_minutes(minutes: int) -> float:
    """Minutes a kit keeps for introductions and the candidate's questions."""
    return (2.0 if minutes < 30 else 3.0) + (3.0 if minutes < 45 else 5.0)


def suggested_score(question: KitQuestion, ticks: Sequence[int]) -> int:
    """The anchor the ticked key points reach: 3 = every essential point, 4 = every point."""
    ticked = set(ticks)
    essential = [i for i, p in enumerate(question.points) if p.essential]
    if not ticked:
        return 1
    if len(ticked) >= len(question.points):
        return 4
    if all(i in ticked for i in essential):
        return 3
    return 2


def rubric_from_grade(score: float) -> int:
    """A 0-10 grader score as a 1-4 anchor."""
    if score < 2.5:
        return 1
    if score < 5.5:
        return 2
    if score < 8.0:
        return 3
    return 4


def rule_text(level: str) -> str:
    """The rule for a level, in words."""
    hire, lean, lean_no = RULES[level]
    text = (
        f"{level}: mean score >= {hire:g} hire; >= {lean:g} lean hire; >= {lean_no:g} lean no hire; "
        "below that no hire."
    )
    if level in VETO_LEVELS:
        text += " Any question scored 1 caps the outcome at lean no hire."
    return text


def recommend(level: str, scores: Sequence[int | None]) -> Recommendation:
    """Hire / lean hire / lean no hire / no hire from the 1-4 scores given so far (None = not scored)."""
    if level not in RULES:
        level = "mid"
    given = [s for s in scores if s is not None]
    counts = {k: given.count(k) for k in (1, 2, 3, 4)}
    if not given:
        return Recommendation("not scored yet", None, 0, len(scores), rule_text(level), counts=counts)
    mean = round(sum(given) / len(given), 2)
    hire, lean, lean_no = RULES[level]
    idx = 0 if mean >= hire else 1 if mean >= lean else 2 if mean >= lean_no else 3
    vetoed = level in VETO_LEVELS and 1 in given and idx < 2
    if vetoed:
        idx = 2
    return Recommendation(OUTCOMES[idx], mean, len(given), len(scores), rule_text(level), vetoed, counts)


@dataclass(frozen=True, slots=True)
class Kit:
    """A stored interview kit."""

    id: int
    title: str
    role: str
    level: str
    minutes: int
    profile: str
    seed: int
    questions: tuple[KitQuestion, ...]
    created_at: datetime

    @property
    def plan(self) -> list[TimePlanRow]:
        """The time plan."""
        return time_plan(self.minutes, self.questions)


@dataclass(frozen=True, slots=True)
class Scorecard:
    """An interviewer's record of one candidate against one kit (scored live or from a transcript)."""

    id: int
    kit_id: int
    candidate: str
    level: str
    source: str  # live | transcript
    marks: dict[int, Mark]
    notes: str
    created_at: datetime
    updated_at: datetime

    def scores(self, n_questions: int) -> list[int | None]:
        """The 1-4 score per question (None when not scored)."""
        return [self.marks[i].score if i in self.marks else None for i in range(n_questions)]
