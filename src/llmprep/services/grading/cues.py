"""Evidence that cosine similarity misses: negation, reversed comparatives, required terms, numbers.

Each check compares one answer unit with one key point (or misconception) and returns plain facts; the
rubric decides what they are worth. The checks are lexical and English-only on purpose: they are cheap,
explainable ("says 'slower' where the point says 'faster'") and predictable. They deliberately do not try
to parse syntax, so a negation far from the claim it negates can still fool them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from llmprep.services.grading.text import STOPWORDS, words

_NEGATORS = frozenset(
    """not no never none neither nor cannot without nothing nobody nowhere avoid avoids avoided avoiding
    unnecessary needless instead rather prevent prevents eliminate eliminates eliminating skip skips
    skipping""".split()
)
_NEGATED_CONTRACTION = re.compile(r"\b\w+n't\b|\bcan ?not\b", re.IGNORECASE)
_DENIAL = re.compile(r"\b(false|untrue|wrong|incorrect|a\s+myth)\s+(that|to\s+say)\b", re.IGNORECASE)

# Each pair: words of one direction, words of the opposite one.
_OPPOSITES: tuple[tuple[frozenset[str], frozenset[str]], ...] = tuple(
    (frozenset(a.split()), frozenset(b.split()))
    for a, b in (
        ("faster quicker speeds speed-up speedup accelerates", "slower slows slowdown"),
        (
            "increase increases increased increasing grow grows growing grew raises rises",
            "decrease decreases decreased decreasing reduce reduces reduced reducing shrink shrinks shrinking "
            "lowers falls drops cuts",
        ),
        ("more", "fewer less"),
        ("higher", "lower"),
        ("larger bigger", "smaller"),
        ("longer", "shorter"),
        ("better improves improved", "worse hurts degrades degraded"),
        ("linear linearly", "quadratic quadratically exponential exponentially constant"),
        ("always", "never sometimes rarely"),
        ("before", "after"),
        ("parallel parallelisable parallelizable", "sequential sequentially serial"),
        ("cheaper", "costlier"),
        ("stores store stored keeps caches cached", "discards discarded recomputes recomputed"),
        ("correct true", "incorrect false wrong"),
        ("same equal identical", "different unequal"),
        ("encoder", "decoder"),
        ("supervised", "unsupervised"),
        ("overfitting overfit", "underfitting underfit"),
        ("maximise maximize maximises maximizes", "minimise minimize minimises minimizes"),
        ("bandwidth-bound memory-bound", "compute-bound"),
        ("falls drops shrinks decreases reduces improves", "stays remains unchanged"),
    )
)


def negation_count(text: str) -> int:
    """How many negating words or contractions the text has."""
    count = sum(1 for w in words(text) if w in _NEGATORS)
    count += len(_DENIAL.findall(text))  # "it is false that ..." negates without a negating word
    return count + len(_NEGATED_CONTRACTION.findall(text))


def _stem_match(a: str, b: str) -> bool:
    """Crude stemming: words agree when they share their first 5 letters (or all of a 4-letter word)."""
    n = min(5, len(a), len(b))
    return n >= 4 and a[:n] == b[:n]


_WHOLE_CLAIM_DENIED = re.compile(
    r"\b(not|n't|never|hardly)\s+(true|the\s+case|correct|right|so)\b|\b(false|untrue|wrong|incorrect|a\s+myth)\s+"
    r"(that|to\s+say)\b|\bit\s+is\s+a\s+myth\b",
    re.IGNORECASE,
)


def negated_words(text: str) -> set[str]:
    """The first content word after each negator: what the text says is not so ('not recomputed').

    "It is not true that X" denies all of X, so then every content word counts.
    """
    raw = words(text)
    if _WHOLE_CLAIM_DENIED.search(text):
        return {w for w in raw if w not in STOPWORDS and w not in _NEGATORS}
    out: set[str] = set()
    for i, w in enumerate(raw):
        if w in _NEGATORS or w.endswith("n't"):
            nxt = [x for x in raw[i + 1 : i + 5] if x not in STOPWORDS and x not in _NEGATORS]
            if nxt:
                out.add(nxt[0])
    return out


def is_negation_flipped(claim: str, unit: str) -> bool:
    """True when one text negates something the other asserts.

    The parity of negation cues must differ and a negated word must occur (crudely stemmed) in the other
    text, so "not recomputed" is flipped by "recomputed every step" but not by an unrelated sentence.
    """
    if (negation_count(claim) % 2) == (negation_count(unit) % 2):
        return False
    negating, other = (claim, unit) if negation_count(claim) % 2 else (unit, claim)
    other_words = set(words(other))
    return any(_stem_match(n, o) for n in negated_words(negating) for o in other_words)


def shares_word(wanted: list[str], text: str) -> bool:
    """True when the text has a word that crudely stems like one of `wanted`."""
    have = set(words(text))
    return any(w == h or _stem_match(w, h) for w in wanted for h in have)


def flipped_opposites(claim: str, unit: str) -> list[tuple[str, str]]:
    """Pairs (claim word, unit word) where the unit uses the opposite of the claim's word and not it."""
    cw, uw = set(words(claim)), set(words(unit))
    found = []
    for left, right in _OPPOSITES:
        for mine, other in ((left, right), (right, left)):
            said, opposite = cw & mine, uw & other
            if said and opposite and not (uw & mine) and not (cw & other):
                found.append((sorted(said)[0], sorted(opposite)[0]))
    return found


def _alias_pattern(alias: str) -> re.Pattern[str]:
    escaped = re.escape(alias).replace(r"\ ", r"[\s-]+").replace(r"\-", r"[\s-]?")
    flags = 0 if len(alias) <= 2 else re.IGNORECASE  # 'K', 'V': case matters for one-letter symbols
    return re.compile(rf"(?<![\w]){escaped}(?![\w])", flags)


def has_term(text: str, aliases: list[str]) -> bool:
    """True when any alias occurs as a whole word (case-insensitive unless the alias is 1-2 chars)."""
    return any(_alias_pattern(a).search(text) for a in aliases)


def missing_terms(text: str, groups: list[list[str]]) -> list[str]:
    """The first alias of every group none of whose aliases occurs in the text."""
    return [g[0] for g in groups if g and not has_term(text, g)]


_NUMBER = re.compile(r"(?<![\w.])(\d+(?:[.,]\d+)*)(?:\s*(%|x|×|[kKmMbBtT]\b|[A-Za-z]+(?:/[A-Za-z]+)?))?")
_SCALE = {
    "k": 1e3,
    "m": 1e6,
    "b": 1e9,
    "t": 1e12,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
}
_UNIT_ALIASES = {
    "kib": "kib",
    "mib": "mib",
    "gib": "gib",
    "kb": "kb",
    "mb": "mb",
    "gb": "gb",
    "tb": "tb",
    "ms": "ms",
    "s": "s",
    "sec": "s",
    "seconds": "s",
    "second": "s",
    "%": "%",
    "percent": "%",
    "x": "x",
    "×": "x",
    "times": "x",
    "tokens": "tokens",
    "token": "tokens",
    "bits": "bit",
    "bit": "bit",
    "bytes": "byte",
    "byte": "byte",
    "layers": "layers",
    "heads": "heads",
    "gpus": "gpus",
    "flops": "flops",
}


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number as written, its value with any scale word applied, and its normalised unit ('' if none)."""

    text: str
    value: float
    unit: str


def quantities(text: str) -> list[Quantity]:
    """Numbers with their units ('0.5 MiB', '20 tokens', '70B', '4x'); years and list numerals included."""
    out = []
    for m in _NUMBER.finditer(text):
        raw, suffix = m.group(1), (m.group(2) or "")
        try:
            value = (
                float(raw.replace(",", ""))
                if raw.count(",") != 1 or "." in raw
                else float(raw.replace(",", "") if len(raw.split(",")[1]) == 3 else raw.replace(",", "."))
            )
        except ValueError:
            continue
        low = suffix.lower()
        unit = ""
        if low in _SCALE:
            value *= _SCALE[low]
        elif low in _UNIT_ALIASES:
            unit = _UNIT_ALIASES[low]
        out.append(Quantity(m.group(0).strip(), value, unit))
    return out


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 0.06 * max(abs(a), abs(b)) or abs(a - b) < 1e-9


def _compatible(a: Quantity, b: Quantity) -> bool:
    return not (a.unit and b.unit) or a.unit == b.unit


def _is_year(q: Quantity) -> bool:
    return q.unit == "" and q.value.is_integer() and 1900 <= q.value <= 2100


def number_agreement(claim: str, unit: str) -> tuple[bool, bool]:
    """(agrees, contradicts): a claim number restated, or a rival value of the same kind and magnitude.

    A rival is a number with a compatible unit within a factor of 20 of the claim's number, which is how
    "200 tokens per parameter" contradicts "20 tokens per parameter" while "in 2022" does not.
    """
    wanted = [q for q in quantities(claim) if not _is_year(q)]
    given = [q for q in quantities(unit) if not _is_year(q)]
    if not wanted or not given:
        return False, False
    matched = contradicted = False
    for w in wanted:
        if any(_compatible(w, g) and _same(w.value, g.value) for g in given):
            matched = True
        elif any(_compatible(w, g) and w.value > 0 and 0.05 <= g.value / w.value <= 20 for g in given):
            contradicted = True
    return matched and not contradicted, contradicted
