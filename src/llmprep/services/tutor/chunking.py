"""Structure-aware chunking of Markdown-ish text for retrieval.

The text is split into blocks (headings, fenced code, tables, lists, paragraphs), and blocks are packed
into chunks of at most `max_chars`, each carrying its heading path. Invariants: a heading always starts a
new chunk; a code block, table or list is never cut unless it alone exceeds `max_chars` (then code and
lists split between lines, tables between rows with the header row repeated); consecutive chunks of one
section overlap by up to `overlap_chars` of whole sentences taken from the end of the previous prose
block. Pure: no I/O. It deliberately does not parse full CommonMark (nested containers, setext headings).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

BlockKind = Literal["heading", "code", "table", "list", "paragraph"]

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"^\s*([-*+]|\d{1,3}[.)])\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(\"'`*])")


@dataclass(frozen=True, slots=True)
class Block:
    """One structural unit of a document."""

    kind: BlockKind
    text: str
    level: int = 0  # heading level (1-6); 0 for other blocks


@dataclass(frozen=True, slots=True)
class Chunk:
    """A piece of a document small enough to embed, with the headings above it."""

    text: str
    headings: tuple[str, ...] = ()

    @property
    def heading(self) -> str:
        """The heading path, ' › '-joined (empty at the top of a document)."""
        return " › ".join(self.headings)


def split_blocks(text: str) -> list[Block]:
    """Split Markdown into blocks, keeping fenced code and tables whole."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        fence = _FENCE.match(line)
        if fence:
            end = i + 1
            while end < len(lines) and not lines[end].strip().startswith(fence.group(1)):
                end += 1
            blocks.append(Block("code", "\n".join(lines[i : end + 1])))
            i = end + 1
            continue
        heading = _HEADING.match(line)
        if heading:
            blocks.append(Block("heading", heading.group(2), len(heading.group(1))))
            i += 1
            continue
        kind: BlockKind = "paragraph"
        if line.lstrip().startswith("|"):
            kind = "table"
        elif _LIST_ITEM.match(line):
            kind = "list"
        end = i + 1
        while end < len(lines) and _continues(kind, lines[end]):
            end += 1
        blocks.append(Block(kind, "\n".join(lines[i:end]).strip("\n")))
        i = end
    return blocks


def _continues(kind: BlockKind, line: str) -> bool:
    """Whether `line` belongs to the block of `kind` being read."""
    if not line.strip() or _FENCE.match(line) or _HEADING.match(line):
        return False
    if kind == "table":
        return line.lstrip().startswith("|")
    if kind == "list":
        return True  # items and their indented continuation lines
    return not line.lstrip().startswith("|") and not _LIST_ITEM.match(line)


def split_sentences(text: str) -> list[str]:
    """Sentences of prose (a light heuristic: ., ! or ? followed by space and a capital or digit)."""
    return [s.strip() for s in _SENTENCE_END.split(text.strip()) if s.strip()]


def _pieces(block: Block, max_chars: int) -> list[str]:
    """The block's text, cut into pieces of at most `max_chars` along its natural seams."""
    if len(block.text) <= max_chars:
        return [block.text]
    if block.kind == "paragraph":
        units = split_sentences(block.text)
        sep = " "
    else:
        units = block.text.split("\n")
        sep = "\n"
    header: list[str] = []
    if block.kind == "table" and len(units) > 2:
        header, units = units[:2], units[2:]
    pieces: list[str] = []
    current: list[str] = list(header)
    for unit in units:
        while len(unit) > max_chars:  # a single giant sentence or line: hard cut
            pieces.append(unit[:max_chars])
            unit = unit[max_chars:]
        if current != header and len(sep.join([*current, unit])) > max_chars:
            pieces.append(sep.join(current))
            current = [*header]
        current.append(unit)
    if current != header:
        pieces.append(sep.join(current))
    return pieces


def _overlap(piece: str, kind: BlockKind, overlap_chars: int) -> str:
    """Whole trailing sentences of a prose piece, at most `overlap_chars` long ('' for code/tables)."""
    if overlap_chars <= 0 or kind in ("code", "table"):
        return ""
    tail: list[str] = []
    for sentence in reversed(split_sentences(piece) if kind == "paragraph" else piece.split("\n")):
        if len(" ".join([sentence, *tail])) > overlap_chars:
            break
        tail.insert(0, sentence)
    return (" " if kind == "paragraph" else "\n").join(tail)


def chunk_text(text: str, *, max_chars: int = 1000, overlap_chars: int = 150) -> list[Chunk]:
    """Chunk a Markdown or plain-text document.

    Args:
        text: the document.
        max_chars: the longest chunk body (the overlap may add up to `overlap_chars`).
        overlap_chars: how much prose of the previous chunk of the same section to repeat.
    """
    chunks: list[Chunk] = []
    path: list[tuple[int, str]] = []
    parts: list[str] = []
    carry = ""

    def flush() -> None:
        nonlocal parts
        body = "\n\n".join(p for p in parts if p.strip())
        if body.strip():
            chunks.append(Chunk(body, tuple(h for _, h in path)))
        parts = []

    for block in split_blocks(text):
        if block.kind == "heading":
            flush()
            carry = ""
            path = [(lvl, h) for lvl, h in path if lvl < block.level] + [(block.level, block.text)]
            continue
        for piece in _pieces(block, max_chars):
            size = sum(len(p) + 2 for p in parts)
            if parts and size + len(piece) > max_chars:
                flush()
                if carry:
                    parts.append(carry)
            parts.append(piece)
            carry = _overlap(piece, block.kind, overlap_chars)
    flush()
    return chunks


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of `split_sentences(text)` in `text`, so highlighting keeps the layout."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for sentence in split_sentences(text):
        start = text.find(sentence, pos)
        if start < 0:
            continue
        spans.append((start, start + len(sentence)))
        pos = start + len(sentence)
    return spans or ([(0, len(text))] if text.strip() else [])


def sentence_texts(title: str, text: str) -> list[str]:
    """What the passage-level reranker embeds for each sentence: the sentence in its source's context."""
    return [f"{title}: {text[a:b]}" for a, b in sentence_spans(text)]
