"""Turn domain items back into plain dicts (for `bank export`, the JSON API and the tutor's index).

The dict has exactly the fields of the YAML schema, so an export re-validates as content.
"""

from __future__ import annotations

from typing import Any

from llmprep.domain.questions import Item


def item_to_dict(item: Item) -> dict[str, Any]:
    """Every field of an item, in schema order, JSON-serialisable."""
    return {
        "id": item.id,
        "title": item.title,
        "prompt": item.prompt,
        "type": item.type,
        "topic": item.topic,
        "tags": list(item.tags),
        "levels": list(item.levels),
        "difficulty": item.difficulty,
        "answer": item.answer,
        "key_points": [{"text": k.text, "weight": k.weight, "terms": list(k.terms)} for k in item.key_points],
        "misconceptions": [{"belief": m.belief, "why_wrong": m.why_wrong} for m in item.misconceptions],
        "followups": [
            {"question": f.question, "expected_points": list(f.expected_points)} for f in item.followups
        ],
        "related": list(item.related),
        "references": [{"title": r.title, "url": r.url} for r in item.references],
        "covers": list(item.covers),
        "anchors": {str(k): v for k, v in item.anchors},
        "draft": item.draft,
    }
