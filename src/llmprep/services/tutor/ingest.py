"""Turning the bank and the user's note files into `SourceDoc`s for the `TutorIndex`.

One source per bank item (id `bank:<item id>`, cited by item id and title, linked to `/q/<id>`), whose
chunks are the answer (structure-aware chunks), the key points and the follow-up ladder. One source per
note file (id `note:<absolute path>`). Hashes include `CHUNKER_VERSION`, so a change to chunking
re-indexes everything once. Drafts are never indexed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from llmprep.content.export import item_to_dict
from llmprep.domain.questions import Bank, Item
from llmprep.services.tutor.chunking import chunk_text
from llmprep.services.tutor.documents import file_hash, is_supported, read_document
from llmprep.services.tutor.index import SourceDoc

CHUNKER_VERSION = "1"
MAX_CHARS = 1000
OVERLAP_CHARS = 150


def bank_source_id(item_id: str) -> str:
    """The tutor's source id of a bank item."""
    return f"bank:{item_id}"


def item_chunks(item: Item) -> tuple[tuple[str, str], ...]:
    """(section, text) pairs of one bank item."""
    out: list[tuple[str, str]] = []
    for chunk in chunk_text(item.answer, max_chars=MAX_CHARS, overlap_chars=OVERLAP_CHARS):
        out.append((" › ".join(("Answer", *chunk.headings)), chunk.text))
    if item.key_points:
        out.append(("Key points", "\n".join(f"- {kp.text}" for kp in item.key_points)))
    if item.followups:
        lines = []
        for f in item.followups:
            expected = "; ".join(f.expected_points)
            lines.append(f"- {f.question}" + (f" ({expected})" if expected else ""))
        out.append(("Follow-ups", "\n".join(lines)))
    return tuple(out)


def bank_docs(bank: Bank) -> Iterator[SourceDoc]:
    """One document per servable item."""
    for item in sorted(bank.servable(), key=lambda i: i.id):
        payload = json.dumps(item_to_dict(item), sort_keys=True) + CHUNKER_VERSION
        yield SourceDoc(
            id=bank_source_id(item.id),
            kind="bank",
            title=item.title,
            location=f"/q/{item.id}",
            hash=hashlib.sha256(payload.encode()).hexdigest(),
            chunks=item_chunks(item),
            item_id=item.id,
        )


def note_files(paths: Iterable[Path]) -> list[Path]:
    """Supported files under `paths` (files as given, folders recursively; hidden entries skipped)."""
    found: set[Path] = set()
    for path in paths:
        path = path.expanduser().resolve()
        if path.is_file():
            found.add(path)
        elif path.is_dir():
            for child in path.rglob("*"):
                rel = child.relative_to(path)
                if child.is_file() and is_supported(child) and not any(p.startswith(".") for p in rel.parts):
                    found.add(child)
    return sorted(found)


def note_hash(path: Path) -> str:
    """What decides whether a note file must be re-indexed."""
    return f"{file_hash(path)}:{CHUNKER_VERSION}"


def note_doc(path: Path, digest: str) -> SourceDoc:
    """Read and chunk one note file."""
    text = read_document(path)
    chunks = chunk_text(text, max_chars=MAX_CHARS, overlap_chars=OVERLAP_CHARS)
    title = next((c.headings[0] for c in chunks if c.headings), path.stem)
    return SourceDoc(
        id=f"note:{path}",
        kind="note",
        title=title,
        location=str(path),
        hash=digest,
        chunks=tuple((c.heading, c.text) for c in chunks),
    )
