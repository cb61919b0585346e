"""Answer shapes and how they are made: extractive passages with key sentences, or a grounded LLM prompt.

A `Passage` is a cited hit: its number, source, text and the text cut into segments flagged as key
sentences (the ones closest to the question). The grounded prompt numbers the passages and tells the model
to cite them as [n] and to reply exactly `NOT_IN_SOURCES` when they do not support an answer; a reply
that says so, or cites nothing, is treated as a refusal. This module does no retrieval and no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from llmprep.backends.llm.base import Message
from llmprep.services.tutor.retrieval import Hit

REFUSAL_MARKER = "NOT_IN_SOURCES"
NOT_IN_SOURCES = "Not in your sources: nothing indexed supports an answer to this question."
_CITATION = re.compile(r"\[(\d{1,2})\]")


@dataclass(frozen=True, slots=True)
class Passage:
    """One numbered, cited passage of an answer."""

    n: int
    source_id: str
    kind: str  # 'bank' or 'note'
    title: str
    location: str  # '/q/<id>' or a file path
    item_id: str | None
    section: str
    text: str
    segments: tuple[tuple[str, bool], ...]  # the text cut into (piece, is_key_sentence)
    score: float
    support: float

    @property
    def citation(self) -> str:
        """How the source is named: 'item-id · Title' for the bank, 'file.md › Section' for notes."""
        if self.kind == "bank":
            return f"{self.item_id} · {self.title}"
        name = self.location.rsplit("/", 1)[-1]
        return f"{name} › {self.section}" if self.section else name

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form (the CLI's --json and the web API share it)."""
        return {
            "n": self.n,
            "source": self.source_id,
            "kind": self.kind,
            "title": self.title,
            "item_id": self.item_id,
            "location": self.location,
            "section": self.section,
            "citation": self.citation,
            "text": self.text,
            "key_sentences": [t.strip() for t, key in self.segments if key],
            "score": round(self.score, 5),
            "support": round(self.support, 4),
        }


@dataclass(frozen=True, slots=True)
class Withheld:
    """A bank item left out because showing its answer would spoil a review or a running mock."""

    item_id: str
    title: str
    reason: str = "due for review"


@dataclass(slots=True)
class Answer:
    """What the tutor says: prose (LLM) or nothing (extractive), its passages, and what it left out."""

    question: str
    passages: list[Passage]
    supported: bool
    mode: str  # 'extractive' or 'llm'
    text: str = ""
    withheld: list[Withheld] = field(default_factory=list)
    cited: list[int] = field(default_factory=list)

    @property
    def is_refusal(self) -> bool:
        """True when the tutor declined to answer from the sources."""
        return not self.supported

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "question": self.question,
            "mode": self.mode,
            "supported": self.supported,
            "text": self.text,
            "cited": self.cited,
            "passages": [p.as_dict() for p in self.passages],
            "withheld": [{"item_id": w.item_id, "title": w.title, "reason": w.reason} for w in self.withheld],
        }


def segments_of(hit: Hit, key_margin: float = 0.08, min_key: float = 0.0) -> tuple[tuple[str, bool], ...]:
    """Cut a hit's text into segments, flagging sentences within `key_margin` of its best sentence."""
    text = hit.chunk.text
    if not hit.sentence_scores:
        return ((text, False),)
    best = max(s for _, _, s in hit.sentence_scores)
    out: list[tuple[str, bool]] = []
    pos = 0
    for start, end, score in hit.sentence_scores:
        if start > pos:
            out.append((text[pos:start], False))
        out.append((text[start:end], score >= max(best - key_margin, min_key)))
        pos = end
    if pos < len(text):
        out.append((text[pos:], False))
    return tuple(out)


def to_passages(hits: list[Hit], min_key: float = 0.0) -> list[Passage]:
    """Number hits as passages 1..n."""
    return [
        Passage(
            n=n,
            source_id=h.chunk.source_id,
            kind=h.chunk.kind,
            title=h.chunk.title,
            location=h.chunk.location,
            item_id=h.chunk.item_id,
            section=h.chunk.section,
            text=h.chunk.text,
            segments=segments_of(h, min_key=min_key),
            score=h.score,
            support=h.support,
        )
        for n, h in enumerate(hits, 1)
    ]


SYSTEM_PROMPT = (
    "You are a tutor helping a candidate prepare for LLM engineering interviews. Answer ONLY from the "
    "numbered sources the user gives. Cite every claim with the source number in square brackets, "
    "like [1] or [2][3]. Be concise (at most about 200 words). If the sources do not contain enough to "
    f"answer, reply with exactly {REFUSAL_MARKER} and nothing else. Never use outside knowledge."
)


def grounded_messages(question: str, passages: list[Passage]) -> list[Message]:
    """The chat messages asking for a cited answer from these passages only."""
    sources = "\n\n".join(f"[{p.n}] {p.citation}\n{p.text}" for p in passages)
    user = f"Sources:\n\n{sources}\n\nQuestion: {question}\n\nAnswer with citations, or {REFUSAL_MARKER}."
    return [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": user}]


def citations_in(text: str, passages: list[Passage]) -> list[int]:
    """Distinct valid citation numbers in a reply, in order of first use."""
    valid = {p.n for p in passages}
    seen: list[int] = []
    for m in _CITATION.finditer(text):
        n = int(m.group(1))
        if n in valid and n not in seen:
            seen.append(n)
    return seen


def is_refusal_reply(text: str, passages: list[Passage]) -> bool:
    """A reply refuses when it carries the marker or cites no given passage."""
    return REFUSAL_MARKER in text or not citations_in(text, passages)
