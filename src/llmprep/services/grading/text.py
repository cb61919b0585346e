"""Answer text -> normalised text and gradable units (sentences, and clauses of long sentences).

Normalisation (NFKC, zero-width and control characters removed, whitespace collapsed) runs before every
other check so that tricks such as zero-width spaces inside "ignore" cannot hide from them. Only the first
`MAX_ANALYSED_CHARS` are analysed, at most `MAX_UNITS` distinct units are kept and long answers are not
split below the sentence, which bounds the work (and latency) on a 100 KB answer; duplicates are dropped
(repeating a sentence earns nothing). This module deliberately
knows nothing of embeddings or key points.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MAX_ANALYSED_CHARS = 20_000
MAX_UNITS = 40
CLAUSE_SPLIT_MAX_CHARS = 1500  # past this, whole sentences only: bounds the tokens embedded per answer
MIN_UNIT_WORDS = 4  # shorter fragments are glued to a neighbour: a claim needs a few words
LONG_SENTENCE_WORDS = 28

_ZERO_WIDTH = re.compile("[\u200b-\u200f\u2028-\u202f\u2060-\u206f\ufeff\u00ad]")
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+•·]|\d+[.)])\s+")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_HEADER = re.compile(r"^\s*(?:#{1,6}\s+.*|\*\*[^*]+\*\*:?|__[^_]+__:?)\s*$")
_CLAUSE_BREAK = re.compile(
    r";\s+|:\s+(?=[A-Za-z])|,\s+(?=(?:but|whereas|while|although|so|because|which|and then)\b)|\s+-{1,2}\s+"
)
_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*", re.UNICODE)

STOPWORDS = frozenset(
    """a an the of to in on at for by with from and or but if then than so as is are was were be been being
    it its this that these those there their they them we our you your he she his her i me my do does did
    done not no nor can could should would will shall may might must has have had having into onto over
    under about which who whom whose what when where why how all any each every some such only also very
    just more most less least other same own both few many much one two up down out off again further
    because while whereas although though until unless since per via vs e g i.e eg ie etc""".split()
)


@dataclass(frozen=True, slots=True)
class Unit:
    """One sentence or clause of the answer, with its position in the normalised text."""

    text: str
    index: int


def normalise(text: str) -> str:
    """NFKC, no zero-width/control characters, no trailing spaces; newlines are kept (they separate)."""
    text = unicodedata.normalize("NFKC", text)
    text = _ZERO_WIDTH.sub("", text)
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
    text = re.sub(r"[ \t]+", " ", text)
    return re.sub(r" *\n *", "\n", text).strip()


def words(text: str) -> list[str]:
    """Lower-cased word tokens (letters/digits, inner hyphens and apostrophes kept)."""
    return [w.lower() for w in _WORD.findall(text)]


def content_words(text: str) -> list[str]:
    """Words that are not stopwords."""
    return [w for w in words(text) if w not in STOPWORDS]


def _strip_markup(piece: str) -> str:
    piece = re.sub(r"^\s*(?:[-*+•·>#]+|\d+[.)])\s*", "", piece)
    return piece.replace("**", "").replace("__", "").replace("`", "").strip()


def _table_row(line: str) -> str:
    """A Markdown table row as prose: 'first cell: other cells, comma-separated.'"""
    cells = [c.strip() for c in line.strip().strip("|").split("|") if c.strip()]
    if len(cells) < 2:
        return " ".join(cells)
    return f"{cells[0]}: {', '.join(cells[1:])}."


def blocks(text: str) -> list[str]:
    """Paragraphs, list items and table rows; hard-wrapped lines of one paragraph or item are joined.

    A line starts a new block when it follows a blank line, is a list item, a table row or a header, or
    follows a header (which is dropped: a title is not a claim). Otherwise it continues the block above,
    so prose wrapped at 80 columns is read as the sentences it is.
    """
    out: list[str] = []
    current: list[str] = []

    def close() -> None:
        if current:
            out.append(" ".join(current))
            current.clear()

    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped or _TABLE_RULE.match(stripped) or _HEADER.match(stripped):
            close()
            continue
        if stripped.startswith("|"):
            close()
            out.append(_table_row(stripped))
            continue
        if _LIST_ITEM.match(line):
            close()
        current.append(stripped)
    close()
    return out


def _glue(pieces: list[str]) -> list[str]:
    """Fragments too short to be a claim are glued to a neighbour (with '; ' so lists still read as lists)."""
    out: list[str] = []
    pending = ""
    for piece in pieces:
        piece = f"{pending}; {piece}".strip() if pending else piece
        n = len(words(piece))
        # A three-word sentence with its full stop ("GQA reduces it.") is a claim; a bare "KV cache" is not.
        if n < MIN_UNIT_WORDS and not (n >= 3 and piece.endswith((".", "!", "?"))):
            pending = piece
            continue
        pending = ""
        out.append(piece)
    if pending:
        if out and len(words(pending)) < MIN_UNIT_WORDS:
            out[-1] = f"{out[-1]}; {pending}"
        else:
            out.append(pending)
    return out


def sentences(text: str) -> list[str]:
    """Sentences and list items, markup stripped, fragments under MIN_UNIT_WORDS glued to a neighbour."""
    pieces: list[str] = []
    for block in blocks(text):
        # The list marker goes first, or "5. Quality..." would split after "5.".
        pieces.extend(p for p in (_strip_markup(s) for s in _SENTENCE_END.split(_strip_markup(block))) if p)
    return _glue(pieces)


def clauses(sentence: str) -> list[str]:
    """A long sentence's clauses (split at ';', ':', ', but', ', whereas', dashes...), else [].

    A sentence with a semicolon is split even when short: each side is usually its own claim.
    """
    n = len(words(sentence))
    if n < LONG_SENTENCE_WORDS and not (n >= 2 * MIN_UNIT_WORDS and ";" in sentence):
        return []
    parts = [p.strip(" ,") for p in _CLAUSE_BREAK.split(sentence)]
    parts = [p for p in parts if len(words(p)) >= MIN_UNIT_WORDS]
    return parts if len(parts) > 1 else []


def units(text: str) -> tuple[list[Unit], bool]:
    """Distinct gradable units of a normalised answer and whether it was truncated."""
    truncated = len(text) > MAX_ANALYSED_CHARS
    body = text[:MAX_ANALYSED_CHARS]
    seen: set[str] = set()
    out: list[Unit] = []
    split_clauses = len(body) <= CLAUSE_SPLIT_MAX_CHARS
    for sentence in sentences(body):
        for piece in [sentence, *(clauses(sentence) if split_clauses else [])]:
            key = " ".join(words(piece))
            if not key or key in seen:
                continue
            seen.add(key)
            out.append(Unit(piece, len(out)))
            if len(out) >= MAX_UNITS:
                return out, True
    return out, truncated
