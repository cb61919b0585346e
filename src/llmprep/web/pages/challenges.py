"""Coding challenges in the browser: the list with the user's status, and a challenge page with the
statement, hints revealed one at a time, a code editor (CodeMirror, served locally; a plain textarea
without JavaScript), Run (visible examples) and Submit (hidden tests) with per-test results and
counter-examples, then "defend your solution". The JSON API lives here too (/api/challenges...).

Forms post the code, so everything works without JavaScript; with it, HTMX swaps in the results only.
Judging is blocking work, so the endpoints are sync functions (FastAPI runs them in a thread pool); the
sandbox enforces the time limits.
"""

from __future__ import annotations

import time
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from pydantic import BaseModel, Field
from starlette.responses import Response

from llmprep.bootstrap import Services
from llmprep.domain.challenges import Judgement
from llmprep.errors import UserError
from llmprep.services.challenge_practice import DefenceResult, SubmissionResult
from llmprep.services.review import RATING_NAMES
from llmprep.web.deps import ServicesDep, is_htmx, render

router = APIRouter()

VERDICT_LABEL = {
    "accepted": "Accepted",
    "wrong_answer": "Wrong answer",
    "runtime_error": "Runtime error",
    "time_limit": "Time limit exceeded",
    "memory_limit": "Memory limit exceeded",
    "output_limit": "Output limit exceeded",
    "compile_error": "Does not compile",
    "internal_error": "Internal error (not your fault)",
}


def in_words(days: float) -> str:
    """A review interval as a person says it: '10 minutes', '3 hours', '4 days'."""
    minutes = days * 1440
    if minutes < 90:
        n, unit = max(1, round(minutes)), "minute"
    elif days < 1.5:
        n, unit = round(minutes / 60), "hour"
    else:
        n, unit = round(days), "day"
    return f"{n} {unit}{'s' if n != 1 else ''}"


def _page_context(services: Services, slug: str) -> dict[str, Any]:
    cp = services.challenge_practice
    status = cp.status(services.user, slug)
    return {
        "nav": "challenges",
        "challenge": status.challenge,
        "status": status,
        "history": cp.submissions(services.user, slug, limit=10),
        "questions": cp.defend_questions(slug) if status.state == "solved" else (),
        "accepted_code": cp.accepted_code(services.user, slug) if status.state == "solved" else None,
        "started_at": time.time(),
        "verdict_label": VERDICT_LABEL,
        "rating_names": RATING_NAMES,
        "in_words": in_words,
        "code": status.challenge.starter,
        "code_from_server": False,
        "judgement": None,
        "submission": None,
        "defence": None,
        "error": None,
        "defend_error": None,
        "answers": [],
    }


@router.get("/challenges", include_in_schema=False)
def challenge_list(
    request: Request, services: ServicesDep, topic: str = "", difficulty: str = ""
) -> Response:
    """Every challenge with its difficulty, topic and the user's status."""
    statuses = services.challenge_practice.statuses(services.user)
    topics = sorted({s.challenge.topic for s in statuses})
    shown = [
        s
        for s in statuses
        if (not topic or s.challenge.topic == topic)
        and (not difficulty or s.challenge.difficulty == difficulty)
    ]
    return render(
        request,
        "challenges.html",
        nav="challenges",
        statuses=shown,
        total=len(statuses),
        solved=sum(s.state == "solved" for s in statuses),
        topics=topics,
        topic=topic,
        difficulty=difficulty,
    )


@router.get("/challenges/{slug}", include_in_schema=False)
def challenge_page(request: Request, services: ServicesDep, slug: str) -> Response:
    """The statement, hints, the editor with the starter code, and the user's earlier submissions."""
    return render(request, "challenge.html", **_page_context(services, slug))


def _respond(
    request: Request, services: Services, slug: str, code: str, status_code: int = 200, **extra: Any
) -> Response:
    """The results fragment for HTMX, else the whole page with the code kept in the editor."""
    context = _page_context(services, slug) | {"code": code, "code_from_server": True} | extra
    if is_htmx(request):
        return render(request, "partials/challenge_result.html", status_code=200, oob=True, **context)
    return render(request, "challenge.html", status_code=status_code, **context)


@router.post("/challenges/{slug}/run", include_in_schema=False)
def run_form(
    request: Request, services: ServicesDep, slug: str, code: Annotated[str, Form()] = ""
) -> Response:
    """Run the code on the visible examples."""
    try:
        judgement = services.challenge_practice.run(slug, code)
    except UserError as exc:
        return _respond(request, services, slug, code, exc.status, error=exc)
    return _respond(request, services, slug, code, judgement=judgement)


@router.post("/challenges/{slug}/submit", include_in_schema=False)
def submit_form(
    request: Request,
    services: ServicesDep,
    slug: str,
    code: Annotated[str, Form()] = "",
    started_at: Annotated[float, Form()] = 0.0,
) -> Response:
    """Judge the code on the hidden tests; a pass schedules the challenge and opens the follow-ups."""
    try:
        taken = time.time() - started_at if started_at > 0 else 0.0
        sub = services.challenge_practice.submit(services.user, slug, code, taken)
    except UserError as exc:
        return _respond(request, services, slug, code, exc.status, error=exc)
    return _respond(request, services, slug, code, judgement=sub.judgement, submission=sub)


@router.post("/challenges/{slug}/defend", include_in_schema=False)
def defend_form(
    request: Request,
    services: ServicesDep,
    slug: str,
    answers: Annotated[list[str] | None, Form()] = None,
    code: Annotated[str, Form()] = "",
) -> Response:
    """Grade the answers to the follow-up questions; refused answers come back with the text kept."""
    answers = answers or []
    context = _page_context(services, slug)
    if code:
        context |= {"code": code, "code_from_server": True}
    try:
        defence = services.challenge_practice.defend(services.user, slug, answers)
    except UserError as exc:
        context |= {"defend_error": exc, "answers": answers}
        if is_htmx(request):
            return render(request, "partials/challenge_defend.html", **context)
        return render(request, "challenge.html", status_code=exc.status, **context)
    context |= {"defence": defence, "answers": list(defence.answers)}
    if is_htmx(request):
        return render(request, "partials/challenge_defend.html", **context)
    return render(request, "challenge.html", **context)


# ---- JSON API ----------------------------------------------------------------------------------------


class CodeIn(BaseModel):
    """A candidate's solution."""

    code: str = Field(description="The Python source of the solution.")
    time_taken_s: float = Field(default=0.0, ge=0, description="Seconds spent (submit only).")


class DefenceIn(BaseModel):
    """Answers to the follow-up questions, in question order."""

    answers: list[str] = Field(description="One answer per follow-up question.")


def _submission_json(sub: SubmissionResult) -> dict[str, Any]:
    review = None
    if sub.review is not None:
        review = {
            "rating": sub.review.rating,
            "rating_name": RATING_NAMES[sub.review.rating],
            "due": sub.review.card.due.isoformat(),
            "interval_days": round(sub.review.interval_days, 3),
        }
    return {
        "attempt_id": sub.attempt.id if sub.attempt else None,
        "failed_before": sub.failed_before,
        "review": review,
    }


def _judgement_json(j: Judgement) -> dict[str, Any]:
    return {"ok": True} | j.to_dict()


@router.get("/api/challenges", tags=["challenges"])
def api_list(services: ServicesDep) -> dict[str, Any]:
    """Every challenge with the user's status."""
    return {
        "ok": True,
        "challenges": [
            {
                "slug": s.challenge.slug,
                "title": s.challenge.title,
                "difficulty": s.challenge.difficulty,
                "topic": s.challenge.topic,
                "tags": list(s.challenge.tags),
                "status": s.state,
                "submissions": s.submissions,
                "best": s.best,
                "due": s.card.due.isoformat() if s.card else None,
            }
            for s in services.challenge_practice.statuses(services.user)
        ],
    }


@router.get("/api/challenges/{slug}", tags=["challenges"])
def api_show(services: ServicesDep, slug: str) -> dict[str, Any]:
    """One challenge: statement, starter code, limits, hints (the complexity only once solved)."""
    status = services.challenge_practice.status(services.user, slug)
    c = status.challenge
    return {
        "ok": True,
        "slug": c.slug,
        "title": c.title,
        "difficulty": c.difficulty,
        "topic": c.topic,
        "statement": c.statement,
        "starter": c.starter,
        "hints": list(c.hints),
        "time_limit_s": c.time_limit_s,
        "memory_limit_mb": c.memory_limit_mb,
        "status": status.state,
        "complexity": c.complexity if status.state == "solved" else None,
    }


@router.post("/api/challenges/{slug}/run", tags=["challenges"])
def api_run(services: ServicesDep, slug: str, body: CodeIn) -> dict[str, Any]:
    """Run the code on the visible examples: the judgement with per-test results."""
    return _judgement_json(services.challenge_practice.run(slug, body.code))


@router.post("/api/challenges/{slug}/submit", tags=["challenges"])
def api_submit(services: ServicesDep, slug: str, body: CodeIn) -> dict[str, Any]:
    """Judge the code on the hidden tests; stored as an attempt, a pass updates the review card."""
    cp = services.challenge_practice
    sub = cp.submit(services.user, slug, body.code, body.time_taken_s)
    out = _judgement_json(sub.judgement) | _submission_json(sub)
    if sub.judgement.is_accepted:
        out["complexity"] = cp.get(slug).complexity
        out["defend"] = [{"kind": q.kind, "prompt": q.prompt} for q in cp.defend_questions(slug)]
    return out


def _defence_json(d: DefenceResult) -> dict[str, Any]:
    return {
        "ok": True,
        "score": d.score,
        "attempt_id": d.attempt.id,
        "questions": [
            {
                "kind": q.kind,
                "prompt": q.prompt,
                "answer": a,
                "score": g.score,
                "feedback": g.feedback,
                "points": [
                    {"text": p.text, "verdict": p.verdict, "evidence": list(p.evidence)} for p in g.points
                ],
            }
            for q, a, g in zip(d.questions, d.answers, d.grades, strict=True)
        ],
    }


@router.post("/api/challenges/{slug}/defend", tags=["challenges"])
def api_defend(services: ServicesDep, slug: str, body: DefenceIn) -> dict[str, Any]:
    """Grade the answers to the follow-up questions about the accepted code (verdict per expected point)."""
    return _defence_json(services.challenge_practice.defend(services.user, slug, body.answers))
