"""Mock interview pages: set up, run against the server-side clock, pause/resume, and the report with
charts and Markdown/PDF downloads. Plain forms and redirects, so everything works without JavaScript;
static/mock.js only counts the displayed clock down."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from llmprep.domain.mocks import MAX_MINUTES, MIN_MINUTES, PROFILE_LABELS, ROLE_LABELS, MockSpec
from llmprep.errors import UserError
from llmprep.services.exports import as_markdown, as_pdf
from llmprep.services.mock_report import report_document, trend
from llmprep.services.mocks import StalePromptError
from llmprep.web.deps import ServicesDep, render

router = APIRouter()


def _setup_context(services: ServicesDep) -> dict[str, Any]:
    past = [m.report for m in services.mocks.history(services.user) if m.report]
    return {
        "nav": "mock",
        "roles": ROLE_LABELS,
        "profiles": PROFILE_LABELS,
        "topics": sorted(services.bank.topics.values(), key=lambda t: t.name),
        "min_minutes": MIN_MINUTES,
        "max_minutes": MAX_MINUTES,
        "open_mocks": services.mocks.open_mocks(services.user),
        "trend": trend(past),
        "role_labels": ROLE_LABELS,
    }


@router.get("/mock", include_in_schema=False)
def setup(request: Request, services: ServicesDep) -> Response:
    """Choose role, length, topics and company profile; resume open mocks; past reports and their trend."""
    return render(request, "mock_setup.html", **_setup_context(services), error=None, form={})


@router.post("/mock", include_in_schema=False)
def start(
    request: Request,
    services: ServicesDep,
    role: Annotated[str, Form()] = "engineer",
    minutes: Annotated[int, Form()] = 30,
    profile: Annotated[str, Form()] = "big-tech",
    topics: Annotated[list[str] | None, Form()] = None,
    seed: Annotated[int, Form()] = 0,
) -> Response:
    """Compose and start a mock, then go to its first question."""
    spec = MockSpec(role, minutes, profile, tuple(topics or ()), seed)
    try:
        mock = services.mocks.start(services.user, spec)
    except UserError as exc:
        form = {"role": role, "minutes": minutes, "profile": profile, "topics": topics or []}
        return render(
            request,
            "mock_setup.html",
            status_code=exc.status,
            **_setup_context(services),
            error=exc,
            form=form,
        )
    return RedirectResponse(f"/mock/{mock.id}", status_code=303)


@router.get("/mock/{mock_id}", include_in_schema=False)
def run(request: Request, services: ServicesDep, mock_id: int, note: str = "") -> Response:
    """The current question (or follow-up) with the clock; the report once the mock has ended."""
    view = services.mocks.view(services.user, mock_id)
    if view.mock.status == "finished":
        return RedirectResponse(f"/mock/{mock_id}/report", status_code=303)
    return render(
        request,
        "mock_run.html",
        nav="mock",
        view=view,
        mock=view.mock,
        prompt=view.prompt,
        note=note,
        answer="",
        error=None,
        roles=ROLE_LABELS,
        profiles=PROFILE_LABELS,
    )


@router.post("/mock/{mock_id}/answer", include_in_schema=False)
def answer(
    request: Request,
    services: ServicesDep,
    mock_id: int,
    answer: Annotated[str, Form()] = "",
    expect: Annotated[str, Form()] = "",
) -> Response:
    """Grade the answer; show the next prompt (a follow-up or the next question). Bad input keeps the text."""
    try:
        view = services.mocks.answer(services.user, mock_id, answer, expect or None)
    except StalePromptError:
        return RedirectResponse(f"/mock/{mock_id}?note=Already+answered.", status_code=303)
    except UserError as exc:
        if exc.status == 404:
            raise
        view = services.mocks.view(services.user, mock_id)
        if view.mock.status == "finished":
            raise
        return render(
            request,
            "mock_run.html",
            status_code=exc.status,
            nav="mock",
            view=view,
            mock=view.mock,
            prompt=view.prompt,
            note="",
            answer=answer,
            error=exc,
            roles=ROLE_LABELS,
            profiles=PROFILE_LABELS,
        )
    if view.mock.status == "finished":
        return RedirectResponse(f"/mock/{mock_id}/report", status_code=303)
    return RedirectResponse(f"/mock/{mock_id}?note={view.last_note}", status_code=303)


@router.post("/mock/{mock_id}/{action}", include_in_schema=False)
def control(services: ServicesDep, mock_id: int, action: str) -> Response:
    """Pause, resume, skip or finish."""
    actions = {
        "pause": services.mocks.pause,
        "resume": services.mocks.resume,
        "skip": services.mocks.skip,
        "finish": services.mocks.finish,
    }
    if action not in actions:
        raise UserError(f"Unknown action '{action}'.", "Use pause, resume, skip or finish.")
    actions[action](services.user, mock_id)
    return RedirectResponse(f"/mock/{mock_id}", status_code=303)


@router.get("/mock/{mock_id}/report", include_in_schema=False)
def report(request: Request, services: ServicesDep, mock_id: int) -> Response:
    """Scores per question and topic, points made and missed, follow-up depth, time, study plan."""
    data = services.mocks.report(services.user, mock_id)
    past = [m.report for m in services.mocks.history(services.user) if m.report]
    return render(request, "mock_report.html", nav="mock", r=data, trend=trend(past))


@router.get("/mock/{mock_id}/report.md", include_in_schema=False)
def report_markdown(request: Request, services: ServicesDep, mock_id: int) -> Response:
    """The report as Markdown."""
    data = services.mocks.report(services.user, mock_id)
    body = as_markdown(report_document(data, str(request.base_url).rstrip("/")))
    return Response(
        body,
        media_type="text/markdown; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="mock-{mock_id}-report.md"'},
    )


@router.get("/mock/{mock_id}/report.pdf", include_in_schema=False)
def report_pdf(request: Request, services: ServicesDep, mock_id: int) -> Response:
    """The report as PDF (rendered locally)."""
    data = services.mocks.report(services.user, mock_id)
    body = as_pdf(report_document(data, str(request.base_url).rstrip("/")))
    return Response(
        body,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="mock-{mock_id}-report.pdf"'},
    )
