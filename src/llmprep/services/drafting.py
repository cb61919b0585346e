"""Turn uncovered guide questions into draft bank items for a maintainer to complete.

Drafts are ordinary item files with `draft: true` and placeholder text that says so; the bank loads them
(so they validate), but they are never served as questions or answers and never count as coverage.
This module writes files and nothing else; it does not try to write answers.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from llmprep.domain.questions import Bank
from llmprep.services.coverage import CoverageMatch

PLACEHOLDER_ANSWER = (
    "DRAFT: this item was imported from an interview guide and has no model answer yet. "
    "Write the answer, key points, misconceptions and follow-ups, then remove `draft: true`."
)


def slugify(text: str, taken: set[str]) -> str:
    """A unique slug from the first content words of a question."""
    words = re.findall(r"[a-z0-9]+", text.lower())[:7]
    base = "-".join(words) or "imported-question"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def draft_items(matches: list[CoverageMatch], bank: Bank, content_dir: Path, source: str) -> list[Path]:
    """Write one draft file per match (placed in the topic of the nearest item); return their paths."""
    taken: set[str] = set(bank.items)
    written: list[Path] = []
    for m in matches:
        nearest = bank.get(m.item_id) if m.item_id else None
        topic = nearest.topic if nearest else "foundations"
        slug = slugify(m.question.text, taken)
        data = {
            "id": slug,
            "title": m.question.text[:150],
            "prompt": m.question.text,
            "type": "concept",
            "topic": topic,
            "tags": ["imported"],
            "levels": ["engineer"],
            "difficulty": "medium",
            "answer": PLACEHOLDER_ANSWER,
            "key_points": [
                {"text": "TODO: first checkable key point of a good answer.", "weight": 1},
                {"text": "TODO: second checkable key point of a good answer.", "weight": 1},
            ],
            "related": [nearest.id] if nearest else [],
            "references": [{"title": f"Imported from {source}, line {m.question.line}"}],
            "draft": True,
        }
        path = content_dir / "bank" / topic / f"{slug}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=110), encoding="utf-8"
        )
        written.append(path)
    return written
