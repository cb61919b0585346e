"""Bank browser: filter by topic, level, difficulty and type, and search the text. HTMX refreshes only the
result list; without JavaScript the same form reloads the page."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from llmprep.domain.questions import DIFFICULTIES, ITEM_TYPES, LEVELS
from llmprep.web.deps import ServicesDep, is_htmx, render

router = APIRouter()


@router.get("/bank", include_in_schema=False)
def bank_page(
    request: Request,
    services: ServicesDep,
    topic: str = "",
    level: str = "",
    difficulty: str = "",
    type: str = "",
    q: str = "",
) -> Response:
    """The filtered list of questions."""
    bank = services.bank
    items = bank.filter(
        topic=topic or None,
        level=level or None,
        difficulty=difficulty or None,
        type=type or None,
        text=q or None,
    )
    best: dict[str, float] = {}
    for a in services.store.list_attempts(services.user.id, limit=100000):
        best[a.item_id] = max(best.get(a.item_id, 0.0), a.score)
    context: dict[str, Any] = {
        "items": items,
        "topics": bank.topics,
        "best": best,
        "total": len(bank.servable()),
        "f": {"topic": topic, "level": level, "difficulty": difficulty, "type": type, "q": q},
        "levels": LEVELS,
        "difficulties": DIFFICULTIES,
        "types": ITEM_TYPES,
        "nav": "bank",
    }
    template = "partials/bank_results.html" if is_htmx(request) else "bank.html"
    return render(request, template, **context)
