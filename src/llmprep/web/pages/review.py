"""Review session: the due queue one card at a time. Answer it in writing (graded) or, in flashcard mode,
reveal the model answer and rate yourself (Again / Hard / Good / Easy)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from llmprep.web.deps import ServicesDep, render

router = APIRouter()


@router.get("/review", include_in_schema=False)
def review(request: Request, services: ServicesDep, reveal: int = 0) -> Response:
    """The next due card, or a done message."""
    due = [
        c
        for c in services.review.due(services.user.id, kind="question")
        if (it := services.bank.get(c.item_id)) is not None and not it.draft
    ]
    card = due[0] if due else None
    item = services.bank.get(card.item_id) if card else None
    preview = services.review.preview(card) if card else {}
    return render(
        request,
        "review.html",
        nav="review",
        card=card,
        item=item,
        remaining=len(due),
        reveal=bool(reveal),
        preview=preview,
    )


@router.post("/review/{item_id}/rate", include_in_schema=False)
def rate(services: ServicesDep, item_id: str, rating: Annotated[int, Form()]) -> Response:
    """Self-rate a flashcard and move on."""
    services.practice.item(item_id)
    services.review.rate(services.user.id, item_id, rating, source="self")
    return RedirectResponse("/review", status_code=303)
