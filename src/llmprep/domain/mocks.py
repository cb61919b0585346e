"""Mock interviews as pure data: composing a balanced, time-boxed question set and choosing follow-ups.

`compose(spec, items, challenges)` is deterministic for a given seed: concept questions are drawn with
weights from the role's topic weights times the company profile's shift (or only from the chosen topics),
spread over topics; then one design or scenario question, one practical (a coding challenge for sessions
of an hour or more when one fits the role, else an estimation drill), and one behavioural question for
sessions of 45 minutes or more. Slot minutes always add up to the session length.

`next_followup(...)` walks an item's follow-up ladder: the first rung asked is the one that best targets
the key points the answer missed; the candidate goes deeper while each follow-up scores at least
`FOLLOWUP_PASS`, and it stops when one scores lower, the ladder ends, or `MAX_FOLLOWUPS` were asked.

This module does no I/O and no grading; the service (`llmprep.services.mocks`) does both.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, get_args

from llmprep.domain.questions import Followup, Item, Topic

Profile = Literal["frontier-lab", "big-tech", "ai-startup", "applied-enterprise"]
SlotKind = Literal["concept", "design", "practical", "behavioral"]
PROFILES: tuple[str, ...] = get_args(Profile)
ROLE_LABELS = {"intern": "Intern", "scientist": "Research scientist", "engineer": "Engineer"}
PROFILE_LABELS = {
    "frontier-lab": "Frontier lab",
    "big-tech": "Big tech",
    "ai-startup": "AI startup",
    "applied-enterprise": "Applied enterprise",
}
# How each company profile shifts the role's topic weights (multipliers; topics not named stay at 1).
PROFILE_SHIFTS: dict[str, dict[str, float]] = {
    "frontier-lab": {
        "pretraining": 1.8,
        "alignment": 1.8,
        "architectures": 1.6,
        "research": 1.8,
        "reasoning": 1.5,
        "deployment": 0.5,
        "classic-ml": 0.4,
        "prompting": 0.6,
    },
    "big-tech": {
        "system-design": 1.6,
        "classic-ml": 1.5,
        "deployment": 1.3,
        "evaluation": 1.3,
        "inference": 1.2,
        "research": 0.6,
    },
    "ai-startup": {
        "rag": 1.8,
        "agents": 1.8,
        "prompting": 1.5,
        "deployment": 1.4,
        "finetuning": 1.3,
        "pretraining": 0.5,
        "research": 0.5,
        "classic-ml": 0.6,
        "language-models": 0.5,
    },
    "applied-enterprise": {
        "rag": 1.6,
        "evaluation": 1.5,
        "safety": 1.7,
        "deployment": 1.5,
        "prompting": 1.3,
        "pretraining": 0.4,
        "architectures": 0.5,
        "research": 0.4,
    },
}
MIN_MINUTES, MAX_MINUTES = 15, 90
CONCEPT_MINUTES = 5
PRACTICAL_MINUTES = {"drill": 5, "challenge": 20}
BEHAVIORAL_MINUTES = 5
FOLLOWUP_PASS = 5.0
MAX_FOLLOWUPS = 3


@dataclass(frozen=True, slots=True)
class MockSpec:
    """What the candidate asked for."""

    role: str
    minutes: int
    profile: str = "big-tech"
    topics: tuple[str, ...] = ()
    seed: int = 0


@dataclass(frozen=True, slots=True)
class Slot:
    """One question of a mock: what it is (`ref`: an item id, `drill:<kind>:<seed>` or
    `challenge:<slug>`), its topic and its minutes."""

    kind: SlotKind
    ref: str
    topic: str
    minutes: float

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form."""
        return {"kind": self.kind, "ref": self.ref, "topic": self.topic, "minutes": self.minutes}

    @classmethod
    def from_dict(cls, d: dict[str, object]) -> Slot:
        """Inverse of `to_dict`."""
        return cls(d["kind"], str(d["ref"]), str(d["topic"]), float(d["minutes"]))  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class ChallengeRef:
    """What composition needs to know about a coding challenge."""

    slug: str
    topic: str
    levels: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Composition:
    """The composed slots and the weights that drove the concept draw (shown to the user)."""

    slots: tuple[Slot, ...]
    topic_weights: dict[str, float] = field(default_factory=dict)


def topic_weights(
    topics: dict[str, Topic], role: str, profile: str, only: Sequence[str] = ()
) -> dict[str, float]:
    """Role weight x profile shift per topic; restricted to `only` (each at least 1) when given."""
    shift = PROFILE_SHIFTS.get(profile, {})
    out: dict[str, float] = {}
    for tid, topic in sorted(topics.items()):
        if only and tid not in only:
            continue
        base = float(topic.weights.get(role, 1))
        if only:
            base = max(base, 1.0)
        weight = base * shift.get(tid, 1.0)
        if weight > 0:
            out[tid] = weight
    return out


def _fits(item: Item, role: str) -> bool:
    return not item.draft and (not item.levels or role in item.levels)


def _draw_concepts(rng: random.Random, pool: list[Item], weights: dict[str, float], n: int) -> list[Item]:
    """Weighted draw over topics (a topic's weight halves each time it is used), then an item within it."""
    by_topic: dict[str, list[Item]] = {}
    for it in pool:
        if it.topic in weights:
            by_topic.setdefault(it.topic, []).append(it)
    live = {t: weights[t] for t in sorted(by_topic)}
    chosen: list[Item] = []
    while len(chosen) < n and live:
        topics = sorted(live)
        topic = rng.choices(topics, weights=[live[t] for t in topics])[0]
        items = by_topic[topic]
        chosen.append(items.pop(rng.randrange(len(items))))
        if items:
            live[topic] /= 2.0
        else:
            del live[topic]
    return chosen


def _pick_one(rng: random.Random, pool: list[Item], weights: dict[str, float]) -> Item | None:
    if not pool:
        return None
    preferred = [it for it in pool if it.topic in weights] or pool
    return rng.choices(preferred, weights=[weights.get(it.topic, 1.0) for it in preferred])[0]


def _practical(
    rng: random.Random,
    spec: MockSpec,
    challenges: Sequence[ChallengeRef],
    drill_kinds: Sequence[str],
    weights: dict[str, float],
) -> Slot | None:
    fitting = sorted((c for c in challenges if not c.levels or spec.role in c.levels), key=lambda c: c.slug)
    if spec.minutes >= 60 and fitting:
        preferred = [c for c in fitting if c.topic in weights] or fitting
        ch = rng.choice(preferred)
        return Slot("practical", f"challenge:{ch.slug}", ch.topic, PRACTICAL_MINUTES["challenge"])
    if drill_kinds:
        kind = rng.choice(sorted(drill_kinds))
        return Slot(
            "practical", f"drill:{kind}:{rng.randrange(1, 10**9)}", "coding", PRACTICAL_MINUTES["drill"]
        )
    return None


def check_spec(spec: MockSpec, topics: dict[str, Topic]) -> list[str]:
    """Problems with a spec, as messages (empty when valid)."""
    problems = []
    if spec.role not in ROLE_LABELS:
        problems.append(f"role must be one of {', '.join(ROLE_LABELS)}, not '{spec.role}'")
    if not MIN_MINUTES <= spec.minutes <= MAX_MINUTES:
        problems.append(f"length must be {MIN_MINUTES}-{MAX_MINUTES} minutes, not {spec.minutes}")
    if spec.profile not in PROFILES:
        problems.append(f"company profile must be one of {', '.join(PROFILES)}, not '{spec.profile}'")
    unknown = [t for t in spec.topics if t not in topics]
    if unknown:
        problems.append(f"unknown topic(s): {', '.join(unknown)}")
    return problems


def compose(
    spec: MockSpec,
    items: Sequence[Item],
    topics: dict[str, Topic],
    challenges: Sequence[ChallengeRef] = (),
    drill_kinds: Sequence[str] = (),
    behavioral: bool | None = None,
) -> Composition:
    """The balanced, deterministic question set for `spec` (see the module docstring); `behavioral`
    overrides the >= 45 minutes rule (kits compose the time left after introductions)."""
    rng = random.Random(f"mock:{spec.seed}:{spec.role}:{spec.minutes}:{spec.profile}:{','.join(spec.topics)}")
    weights = topic_weights(topics, spec.role, spec.profile, spec.topics)
    pool = sorted((it for it in items if _fits(it, spec.role)), key=lambda i: i.id)
    fixed: list[Slot] = []
    design_pool = [it for it in pool if it.type in ("design", "scenario")]
    design = _pick_one(rng, design_pool, weights)
    if design is not None:
        fixed.append(Slot("design", design.id, design.topic, max(6.0, round(spec.minutes * 0.2))))
    practical = _practical(rng, spec, challenges, drill_kinds, weights)
    if practical is not None:
        fixed.append(practical)
    if spec.minutes >= 45 if behavioral is None else behavioral:
        beh = _pick_one(rng, [it for it in pool if it.type == "behavioral"], {})
        if beh is not None:
            fixed.append(Slot("behavioral", beh.id, beh.topic, BEHAVIORAL_MINUTES))
    left = spec.minutes - sum(s.minutes for s in fixed)
    n = max(1, int(left // CONCEPT_MINUTES))
    concepts = _draw_concepts(rng, [it for it in pool if it.type == "concept"], weights, n)
    if not concepts and not fixed:
        return Composition((), weights)
    # Whole minutes per concept question; the remainder goes to the first ones.
    base, extra = divmod(int(max(0, left)), len(concepts)) if concepts else (0, 0)
    slots = [
        Slot("concept", it.id, it.topic, float(base + (1 if n < extra else 0)))
        for n, it in enumerate(concepts)
    ]
    if not concepts and fixed:  # give the spare time to the fixed slots
        spare = left / len(fixed)
        fixed = [Slot(s.kind, s.ref, s.topic, round(s.minutes + spare, 2)) for s in fixed]
    # Interview order: warm-up concepts, then design, then the practical, behavioural last.
    order: dict[str, int] = {"concept": 0, "design": 1, "practical": 2, "behavioral": 3}
    return Composition(tuple(sorted(slots + fixed, key=lambda s: order[s.kind])), weights)


_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    "a an and are as at be by do does for from how in is it its of on or so that the their "
    "then this to what when which why with you your".split()
)


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 2}


def aim(followup: Followup, missed: Sequence[str]) -> float:
    """How strongly a rung targets the missed key points: word overlap with them (0..1)."""
    target = set().union(*(_words(m) for m in missed)) if missed else set()
    rung = _words(followup.question + " " + " ".join(followup.expected_points))
    if not target or not rung:
        return 0.0
    return len(rung & target) / len(rung)


def next_followup(
    followups: Sequence[Followup], missed: Sequence[str], asked: Sequence[int], last_score: float | None
) -> int | None:
    """The index of the next rung to ask, or None to move on.

    Args:
        followups: the item's ladder, shallow to deep.
        missed: texts of the key points the main answer missed.
        asked: indices of the rungs asked so far, in order.
        last_score: the 0-10 score of the last follow-up answer (None before the first).
    """
    if len(asked) >= MAX_FOLLOWUPS:
        return None
    if last_score is not None and last_score < FOLLOWUP_PASS:
        return None
    open_rungs = [i for i, f in enumerate(followups) if i not in asked and f.expected_points]
    if not open_rungs:
        return None
    if not asked:  # the first follow-up goes after what the answer missed; ties keep ladder order
        return max(open_rungs, key=lambda i: (aim(followups[i], missed), -i))
    deeper = [i for i in open_rungs if i > asked[-1]]
    return (deeper or open_rungs)[0]


def followup_depth(scores: Sequence[float]) -> int:
    """How many follow-ups in a row the candidate kept up with (score >= FOLLOWUP_PASS)."""
    depth = 0
    for s in scores:
        if s < FOLLOWUP_PASS:
            break
        depth += 1
    return depth


def question_score(main: float, followups: Sequence[float]) -> float:
    """A question's 0-10 score: the main answer, with follow-ups counting for a quarter when asked."""
    if not followups:
        return round(main, 1)
    return round(0.75 * main + 0.25 * sum(followups) / len(followups), 1)


@dataclass(frozen=True, slots=True)
class Mock:
    """A mock interview's stored state. The clock is server-side: `deadline` moves on resume by the paused
    time; `pending_rung` is the follow-up rung awaiting an answer (None: the slot's main question)."""

    id: int
    user_id: int
    spec: MockSpec
    slots: tuple[Slot, ...]
    status: str  # running | paused | finished
    current: int
    pending_rung: int | None
    started_at: datetime
    deadline: datetime
    question_started_at: datetime
    paused_at: datetime | None = None
    finished_at: datetime | None = None
    report: dict[str, Any] | None = None

    def remaining_s(self, now: datetime) -> float:
        """Seconds left on the clock (frozen while paused; may be negative when over time)."""
        ref = self.paused_at if self.paused_at is not None else now
        return (self.deadline - ref).total_seconds()


@dataclass(frozen=True, slots=True)
class Turn:
    """One answered prompt of a mock: the main question (`rung` None) or a follow-up rung."""

    id: int
    mock_id: int
    slot_index: int
    rung: int | None
    prompt: str
    answer: str
    score: float
    points: list[dict[str, Any]]
    time_s: float
    created_at: datetime
    attempt_id: int | None = None
    skipped: bool = False
