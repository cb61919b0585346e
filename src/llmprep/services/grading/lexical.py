"""Lexical evidence for a key point: content-word overlap and required-term alias hits.

Cosine from a small sentence encoder is weak on terse or symbolic text ("memory is 2 x layers x heads x
head_dim x tokens x bytes" against the point's fuller wording), and one-line claims such as "GQA reduces
it." carry too little text to embed well. This module measures what the words say: the share of a key
point's content words a unit uses, each weighted by how specific it is to that point (a word shared with
other key points or with the question counts less), and whether the unit names one of the point's
required terms or their aliases. It returns facts only; `rubric` turns them into a floor under the
cosine, after the manipulation guards have removed keyword lists and before the contradiction checks.
It uses the same crude stemming as `cues.shares_word` (shared 5-letter prefix) and knows nothing of
embeddings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from llmprep.domain.questions import KeyPoint
from llmprep.services.grading.text import content_words, words

MIN_WORD_CHARS = 2  # single letters ("x" in a formula) say nothing about which point is meant


@dataclass(frozen=True, slots=True)
class PointLexicon:
    """One key point's content words with their specificity weights, and its term aliases."""

    weights: dict[str, float]
    aliases: tuple[str, ...]

    def overlap(self, unit: str) -> float:
        """Weighted share (0-1) of the point's content words that the unit uses (crudely stemmed)."""
        total = sum(self.weights.values())
        if not total:
            return 0.0
        stems = _stems(unit)
        found = sum(w for word, w in self.weights.items() if _matches(word, stems))
        return found / total

    def has_alias(self, unit: str) -> bool:
        """True when the unit names one of the point's required terms or aliases (whole words)."""
        low = unit.lower()
        return any(re.search(rf"(?<!\w){re.escape(a)}(?!\w)", low) for a in self.aliases)


@lru_cache(maxsize=4096)
def _stems(unit: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The unit's words, the 5-letter prefixes of its longer words, and its 4+-letter words' 4-prefixes."""
    have = frozenset(words(unit))
    return (
        have,
        frozenset(w[:5] for w in have if len(w) >= 5),
        frozenset(w[:4] for w in have if len(w) >= 4),
    )


def _matches(word: str, stems: tuple[frozenset[str], frozenset[str], frozenset[str]]) -> bool:
    """`cues.shares_word` for one word, in constant time (same crude stemming: 5 shared letters, or 4)."""
    have, prefix5, prefix4 = stems
    if word in have:
        return True
    if len(word) >= 5:
        return word[:5] in prefix5 or word[:4] in {w for w in have if len(w) == 4}
    return len(word) == 4 and word in prefix4


def lexicons(points: tuple[KeyPoint, ...], prompt: str, *, enabled: bool = True) -> list[PointLexicon]:
    """A lexicon per key point; a word in k points weighs 1/k, and half that when the question uses it.

    With `enabled` False every lexicon is empty (no overlap, no aliases): lexical evidence switched off.
    """
    if not enabled:
        return [PointLexicon({}, ()) for _ in points]
    per_point = [
        {w for w in content_words(kp.text) if len(w) >= MIN_WORD_CHARS and not w.isdigit()} for kp in points
    ]
    asked = set(content_words(prompt))
    out = []
    for kp, mine in zip(points, per_point, strict=True):
        weights = {}
        for w in mine:
            shared = sum(1 for other in per_point if w in other)
            weights[w] = (1.0 / shared) * (0.5 if w in asked else 1.0)
        aliases = tuple(a.lower() for group in kp.term_aliases() for a in group if a.strip())
        out.append(PointLexicon(weights, aliases))
    return out
