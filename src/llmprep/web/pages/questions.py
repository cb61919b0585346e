"""Question page: write an answer, submit, see per-key-point feedback with the supporting sentences
highlighted, then the model answer. A refused submit re-renders the form with the user's text intact."""

from __future__ import annotations

import time
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from llmprep.errors import NotFoundError, UserError
from llmprep.web.deps import ServicesDep, is_htmx, render

router = APIRouter()


def _question_context(services: ServicesDep, item_id: str) -> dict[str, Any]:
    item = services.practice.item(item_id)
    history = services.store.list_attempts(services.user.id, item_id=item.id, limit=10)
    card = services.store.get_card(services.user.id, item.id, "question")
    related = [r for r in (services.bank.get(i) for i in item.related) if r is not None and not r.draft]
    return {
        "item": item,
        "history": history,
        "card": card,
        "related": related,
        "topic": services.bank.topics.get(item.topic),
        "nav": "practice",
        "started_at": time.time(),
    }


@router.get("/practice", include_in_schema=False)
def practice(services: ServicesDep, topic: str = "", level: str = "") -> Response:
    """Go to the next question: a due one first, else a new one."""
    item = services.practice.next_item(services.user, topic=topic or None, level=level or None)
    if item is None:
        return RedirectResponse("/bank?note=all-done", status_code=303)
    return RedirectResponse(f"/q/{item.id}", status_code=303)


@router.get("/q/{item_id}", include_in_schema=False)
def question(request: Request, services: ServicesDep, item_id: str) -> Response:
    """The question with an answer form."""
    return render(request, "question.html", **_question_context(services, item_id), answer="", error=None)


@router.post("/q/{item_id}/answer", include_in_schema=False)
def submit(
    request: Request,
    services: ServicesDep,
    item_id: str,
    answer: Annotated[str, Form()] = "",
    started_at: Annotated[float, Form()] = 0.0,
) -> Response:
    """Grade the answer; on success show the attempt, on bad input show the form again with the text."""
    try:
        taken = time.time() - started_at if started_at > 0 else 0.0
        sub = services.practice.submit(services.user, item_id, answer, taken)
    except NotFoundError:
        raise
    except UserError as exc:
        context = _question_context(services, item_id)
        if is_htmx(request):
            return render(request, "partials/answer_form.html", **context, answer=answer, error=exc)
        return render(request, "question.html", status_code=exc.status, **context, answer=answer, error=exc)
    if is_htmx(request):
        return Response(status_code=204, headers={"HX-Redirect": f"/attempts/{sub.attempt.id}"})
    return RedirectResponse(f"/attempts/{sub.attempt.id}", status_code=303)


@router.get("/attempts/{attempt_id}", include_in_schema=False)
def attempt_page(request: Request, services: ServicesDep, attempt_id: int) -> Response:
    """Feedback for one attempt, the model answer, and the dispute form."""
    attempt = services.store.get_attempt(attempt_id)
    if attempt is None or attempt.user_id != services.user.id:
        raise NotFoundError(f"No attempt {attempt_id}.", "Your attempts are listed on each question page.")
    item = services.practice.item(attempt.item_id)
    card = services.store.get_card(services.user.id, item.id, "question")
    spans = [
        (str(e), n)
        for n, v in enumerate(attempt.verdicts)
        for e in v.get("evidence", [])  # type: ignore[attr-defined]
        if v.get("verdict") != "missing"
    ]
    disputes = {d.point_index: d for d in services.store.list_disputes(attempt.id)}
    judge_score = next((f.split(":", 1)[1] for f in attempt.flags if f.startswith("judge-score:")), None)
    return render(
        request,
        "attempt.html",
        judge_score=judge_score,
        nav="practice",
        attempt=attempt,
        item=item,
        card=card,
        spans=spans,
        disputes=disputes,
    )


@router.post("/attempts/{attempt_id}/dispute", include_in_schema=False)
def dispute(
    request: Request,
    services: ServicesDep,
    attempt_id: int,
    point_index: Annotated[int, Form()],
    reason: Annotated[str, Form()] = "",
) -> Response:
    """Record a disputed verdict and go back to the attempt."""
    services.practice.dispute(services.user, attempt_id, point_index, reason)
    return RedirectResponse(f"/attempts/{attempt_id}#point-{point_index}", status_code=303)
