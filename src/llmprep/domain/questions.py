"""Question-bank items as pure, immutable domain objects.

An `Item` is one interview question with its model answer and the rubric used to grade it (weighted key
points, misconceptions, a follow-up ladder). Parsing and validation of the YAML files live in
`llmprep.content`; this module only defines the shapes and a few derived facts about them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, NewType, get_args

ItemId = NewType("ItemId", str)

ItemType = Literal["concept", "coding", "design", "scenario", "behavioral", "estimation"]
Level = Literal["intern", "scientist", "engineer"]
Difficulty = Literal["easy", "medium", "hard"]

ITEM_TYPES: tuple[str, ...] = get_args(ItemType)
LEVELS: tuple[str, ...] = get_args(Level)
DIFFICULTIES: tuple[str, ...] = get_args(Difficulty)


@dataclass(frozen=True, slots=True)
class KeyPoint:
    """One checkable claim a good answer makes; `terms` are alias groups ('KV cache|key-value cache')."""

    text: str
    weight: float = 1.0
    terms: tuple[str, ...] = ()

    def term_aliases(self) -> list[list[str]]:
        """Each required term as its list of accepted spellings."""
        return [[a.strip() for a in group.split("|") if a.strip()] for group in self.terms]


@dataclass(frozen=True, slots=True)
class Misconception:
    """A wrong belief candidates often state, and why it is wrong."""

    belief: str
    why_wrong: str


@dataclass(frozen=True, slots=True)
class Followup:
    """One rung of the follow-up ladder: a deeper question and the points it expects."""

    question: str
    expected_points: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Reference:
    """A paper, doc or book section the item's facts rest on."""

    title: str
    url: str = ""


@dataclass(frozen=True, slots=True)
class Item:
    """A bank question with its model answer and rubric."""

    id: ItemId
    title: str
    prompt: str
    type: ItemType
    topic: str
    levels: tuple[Level, ...]
    difficulty: Difficulty
    answer: str
    key_points: tuple[KeyPoint, ...]
    tags: tuple[str, ...] = ()
    misconceptions: tuple[Misconception, ...] = ()
    followups: tuple[Followup, ...] = ()
    related: tuple[ItemId, ...] = ()
    references: tuple[Reference, ...] = ()
    covers: tuple[int, ...] = ()
    anchors: tuple[tuple[int, str], ...] = ()
    draft: bool = False
    source: str = ""

    @property
    def total_weight(self) -> float:
        """Sum of key-point weights (the denominator of a rubric score)."""
        return sum(kp.weight for kp in self.key_points)


@dataclass(frozen=True, slots=True)
class Topic:
    """An area of the field; `weights` say how much each role's interviews ask about it (0-3)."""

    id: str
    name: str
    summary: str
    weights: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Bank:
    """The loaded bank: items by id plus the taxonomy."""

    items: dict[ItemId, Item]
    topics: dict[str, Topic]

    def get(self, item_id: str) -> Item | None:
        """The item with this id, or None."""
        return self.items.get(ItemId(item_id))

    def servable(self) -> list[Item]:
        """Items that may be shown as questions with answers (drafts never are)."""
        return [it for it in self.items.values() if not it.draft]

    def filter(
        self,
        *,
        topic: str | None = None,
        level: str | None = None,
        difficulty: str | None = None,
        type: str | None = None,
        text: str | None = None,
        tag: str | None = None,
    ) -> list[Item]:
        """Servable items matching every given filter, sorted by topic then title."""
        needle = (text or "").lower().strip()
        out = []
        for it in self.servable():
            if topic and it.topic != topic:
                continue
            if level and level not in it.levels:
                continue
            if difficulty and it.difficulty != difficulty:
                continue
            if type and it.type != type:
                continue
            if tag and tag not in it.tags:
                continue
            if needle and needle not in f"{it.title}\n{it.prompt}\n{' '.join(it.tags)}".lower():
                continue
            out.append(it)
        return sorted(out, key=lambda i: (i.topic, i.title.lower()))
