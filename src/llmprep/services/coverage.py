"""Match the questions of an interview guide to bank items and say which are covered.

Each item is represented by handles: its title, its prompt, the seed questions it declares in `covers`
and its key points. A guide question gets, per item, the best embedding cosine over the item's handles
and the share of its content words found in the item (title, prompt, tags, key points); the item with
the best blend wins:

    score = 0.75 * cosine + 0.25 * lexical overlap

`covered` from 0.60, `weak` from 0.45, else `missing`. Set on the paraphrase and unrelated guides in
tests/fixtures/guides with the packaged MiniLM: paraphrases of bank questions scored 0.61-0.86 against
the right item, questions whose topic the bank lacked 0.45-0.50, unrelated questions 0.16-0.30.
Drafts never count as coverage. This module reads no files; `guides` does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

import numpy as np

from llmprep.backends.embedding.base import Embedder
from llmprep.domain.questions import Bank, Item
from llmprep.services.guides import GuideQuestion

Status = Literal["covered", "weak", "missing"]
COVERED_AT = 0.60
WEAK_AT = 0.45
_STOP = frozenset(
    "a an the of to in on for and or vs versus with without is are was were be been how what why when which "
    "who do does did you your can could would should will llm llms model models it its this that these those "
    "as at by from into about between each their there they them we our i me my explain describe define "
    "discuss give example tell time when use using used".split()
)


@dataclass(frozen=True, slots=True)
class CoverageMatch:
    """How one guide question is covered."""

    question: GuideQuestion
    status: Status
    item_id: str | None
    item_title: str | None
    score: float
    cosine: float
    lexical: float


def content_words(text: str) -> set[str]:
    """Lower-case content words, crudely singularised."""
    words = re.findall(r"[a-z0-9][a-z0-9+\-]*", text.lower())
    return {
        w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
        for w in words
        if w not in _STOP
    }


def overlap(a: set[str], b: set[str]) -> float:
    """Share of the question's content words found in the handle (0 when the question has none)."""
    return len(a & b) / len(a) if a else 0.0


def item_handles(item: Item, seeds: list[str]) -> list[str]:
    """Texts that stand for an item when matching questions to it: title, prompt, the seed questions it
    covers, and its key points (what the item teaches)."""
    first_para = item.prompt.strip().split("\n\n")[0]
    handles = [item.title, first_para, f"{item.title}: {first_para}"]
    handles += [seeds[i] for i in item.covers if 0 <= i < len(seeds)]
    handles += [kp.text for kp in item.key_points]
    return handles


def item_words(item: Item) -> set[str]:
    """Content words of what an item asks and teaches (for the lexical half of the match)."""
    return content_words(
        " ".join([item.title, item.prompt, " ".join(item.tags), *(kp.text for kp in item.key_points)])
    )


def match_questions(
    questions: list[GuideQuestion], bank: Bank, embedder: Embedder, seeds: list[str] | None = None
) -> list[CoverageMatch]:
    """The best bank item for each guide question, with its status."""
    items = bank.servable()
    if not questions:
        return []
    if not items:
        return [CoverageMatch(q, "missing", None, None, 0.0, 0.0, 0.0) for q in questions]
    owner: list[int] = []
    handles: list[str] = []
    for n, item in enumerate(items):
        for h in item_handles(item, seeds or []):
            owner.append(n)
            handles.append(h)
    hv = embedder.embed(handles)
    qv = embedder.embed([q.text for q in questions])
    owners = np.asarray(owner)
    # best handle cosine per item: (questions, items)
    cos = np.full((len(questions), len(items)), -1.0, dtype=np.float32)
    np.maximum.at(cos.T, owners, (qv @ hv.T).T)
    words = [item_words(it) for it in items]
    out: list[CoverageMatch] = []
    for qi, q in enumerate(questions):
        qw = content_words(q.text)
        lex = np.asarray([overlap(qw, w) for w in words], dtype=np.float32)
        blend = 0.75 * cos[qi] + 0.25 * lex
        best = int(np.argmax(blend))
        score = float(blend[best])
        status: Status = "covered" if score >= COVERED_AT else ("weak" if score >= WEAK_AT else "missing")
        out.append(
            CoverageMatch(
                q,
                status,
                items[best].id,
                items[best].title,
                round(score, 3),
                round(float(cos[qi, best]), 3),
                round(float(lex[best]), 3),
            )
        )
    return out
