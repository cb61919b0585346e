"""Reference-only mode: derive equally weighted key points from a reference answer.

Used when a question has no authored key points (external short-answer data such as SAF). Each claim of
the reference (a sentence, or a clause of a long sentence) becomes one key point of weight 1. Code blocks
and display maths are dropped because they are not claims a short answer restates, and so are notes to the
human grader ("One of the following should be given:", "... is also acceptable"). This deliberately does
not guess which claims matter more or which are merely hints to the human grader.
"""

from __future__ import annotations

import re

from llmprep.domain.questions import KeyPoint
from llmprep.services.grading.text import clauses, normalise, sentences, words

MAX_DERIVED_POINTS = 12
_CODE = re.compile(r"```.*?```", re.DOTALL)
_MATH = re.compile(r"\$\$.*?\$\$", re.DOTALL)
# Sentences addressed to the human grader ("One of the following should be given:") are not claims.
_GRADER_NOTE = re.compile(
    r"\b(should be (given|mentioned|named|stated)|(is|are) (also )?(acceptable|accepted|sufficient|correct)|"
    r"one of the following|the following|may be rounded|full points|points? (are|is) (given|awarded))\b",
    re.IGNORECASE,
)


def derive_key_points(reference: str) -> tuple[KeyPoint, ...]:
    """Key points from the reference's claims, at most MAX_DERIVED_POINTS, each of weight 1."""
    text = normalise(_MATH.sub(" ", _CODE.sub(" ", reference)))
    claims: list[str] = []
    for sentence in sentences(text):
        parts = clauses(sentence) or [sentence]
        claims.extend(p for p in parts if len(words(p)) >= 3 and not _GRADER_NOTE.search(p))
    if not claims and text:
        claims = [text]
    return tuple(KeyPoint(c, 1.0) for c in claims[:MAX_DERIVED_POINTS])
