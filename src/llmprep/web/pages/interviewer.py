"""Interviewer pages: build a kit, read it (rubric, flags, time plan, scoring sheet), export it, score a
candidate live (tick key points, choose 1-4, take notes; llmprep totals and recommends by level), grade a
pasted transcript, and export the scorecard. Plain forms; no JavaScript needed."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from llmprep.domain.kits import RULES, SENIORITY, suggested_score
from llmprep.domain.mocks import MAX_MINUTES, MIN_MINUTES, PROFILE_LABELS, ROLE_LABELS
from llmprep.errors import UserError
from llmprep.services.exports import as_markdown, as_pdf
from llmprep.services.kits import kit_document, scorecard_document
from llmprep.web.deps import ServicesDep, render

router = APIRouter()


def _home_context(services: ServicesDep) -> dict[str, Any]:
    kits = services.kits.all()
    titles = {k.id: k.title for k in kits}
    return {
        "nav": "interviewer",
        "roles": ROLE_LABELS,
        "profiles": PROFILE_LABELS,
        "levels": SENIORITY,
        "topics": sorted(services.bank.topics.values(), key=lambda t: t.name),
        "min_minutes": MIN_MINUTES,
        "max_minutes": MAX_MINUTES,
        "kits": kits,
        "cards": services.interviews.list_scorecards()[:20],
        "kit_titles": titles,
    }


def _download(body: str | bytes, name: str, pdf: bool) -> Response:
    media = "application/pdf" if pdf else "text/markdown; charset=utf-8"
    return Response(body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/interviewer", include_in_schema=False)
def home(request: Request, services: ServicesDep) -> Response:
    """Build a kit; kits and recent scorecards."""
    return render(request, "interviewer.html", **_home_context(services), error=None, form={})


@router.post("/kits", include_in_schema=False)
def build(
    request: Request,
    services: ServicesDep,
    role: Annotated[str, Form()] = "engineer",
    level: Annotated[str, Form()] = "mid",
    minutes: Annotated[int, Form()] = 45,
    profile: Annotated[str, Form()] = "big-tech",
    topics: Annotated[list[str] | None, Form()] = None,
    seed: Annotated[int, Form()] = 0,
) -> Response:
    """Compose and store a kit, then show it."""
    try:
        kit = services.kits.build(role, level, minutes, profile, tuple(topics or ()), seed)
    except UserError as exc:
        form = {"role": role, "level": level, "minutes": minutes, "profile": profile, "topics": topics or []}
        return render(
            request,
            "interviewer.html",
            status_code=exc.status,
            **_home_context(services),
            error=exc,
            form=form,
        )
    return RedirectResponse(f"/kits/{kit.id}", status_code=303)


@router.get("/kits/{kit_id}", include_in_schema=False)
def kit_page(request: Request, services: ServicesDep, kit_id: int) -> Response:
    """The kit: time plan, questions with rubric and flags, scorecards, and the start-scoring forms."""
    kit = services.kits.get(kit_id)
    cards = services.interviews.list_scorecards(kit.id)
    recs = {c.id: services.kits.recommendation(c, kit) for c in cards}
    return render(
        request,
        "kit.html",
        nav="interviewer",
        kit=kit,
        cards=cards,
        recs=recs,
        levels=SENIORITY,
        error=None,
        transcript="",
    )


@router.get("/kits/{kit_id}/export.{fmt}", include_in_schema=False)
def kit_export(services: ServicesDep, kit_id: int, fmt: str) -> Response:
    """The kit as Markdown (`md`) or PDF (`pdf`)."""
    doc = kit_document(services.kits.get(kit_id))
    if fmt not in ("md", "pdf"):
        raise UserError(f"Unknown format '{fmt}'.", "Use export.md or export.pdf.")
    return _download(as_pdf(doc) if fmt == "pdf" else as_markdown(doc), f"kit-{kit_id}.{fmt}", fmt == "pdf")


@router.post("/kits/{kit_id}/scorecards", include_in_schema=False)
def new_scorecard(
    services: ServicesDep,
    kit_id: int,
    candidate: Annotated[str, Form()] = "",
    level: Annotated[str, Form()] = "",
) -> Response:
    """Start scoring a candidate live."""
    card = services.kits.new_scorecard(kit_id, candidate, level or None)
    return RedirectResponse(f"/scorecards/{card.id}", status_code=303)


@router.post("/kits/{kit_id}/transcript", include_in_schema=False)
def transcript(
    request: Request,
    services: ServicesDep,
    kit_id: int,
    transcript: Annotated[str, Form()] = "",
    candidate: Annotated[str, Form()] = "",
) -> Response:
    """Grade a pasted transcript against the kit; keep the text when it is refused."""
    try:
        card = services.kits.grade_transcript(kit_id, transcript, candidate)
    except UserError as exc:
        if exc.status == 404:
            raise
        kit = services.kits.get(kit_id)
        cards = services.interviews.list_scorecards(kit.id)
        recs = {c.id: services.kits.recommendation(c, kit) for c in cards}
        return render(
            request,
            "kit.html",
            status_code=exc.status,
            nav="interviewer",
            kit=kit,
            cards=cards,
            recs=recs,
            levels=SENIORITY,
            error=exc,
            transcript=transcript,
        )
    return RedirectResponse(f"/scorecards/{card.id}", status_code=303)


@router.get("/scorecards/{card_id}", include_in_schema=False)
def scorecard_page(request: Request, services: ServicesDep, card_id: int, saved: int = 0) -> Response:
    """Live scoring: tick points, choose anchors, take notes; totals and the recommendation with its rule."""
    card, kit = services.kits.scorecard(card_id)
    rec = services.kits.recommendation(card, kit)
    suggested = {
        i: suggested_score(q, card.marks[i].ticks)
        for i, q in enumerate(kit.questions)
        if i in card.marks and card.marks[i].ticks
    }
    return render(
        request,
        "scorecard.html",
        nav="interviewer",
        card=card,
        kit=kit,
        rec=rec,
        levels=SENIORITY,
        rules=RULES,
        suggested=suggested,
        saved=saved,
    )


@router.post("/scorecards/{card_id}", include_in_schema=False)
async def save_scorecard(request: Request, services: ServicesDep, card_id: int) -> Response:
    """Save every question's ticks, score and notes, and the overall notes, from one form."""
    card, kit = services.kits.scorecard(card_id)
    form = await request.form()
    for i in range(len(kit.questions)):
        ticks = [int(str(t)) for t in form.getlist(f"ticks_{i}") if str(t).isdigit()]
        raw = str(form.get(f"score_{i}", "") or "")
        notes = str(form.get(f"notes_{i}", "") or "")
        if ticks or raw or notes or i in card.marks:
            services.kits.mark(card.id, i, ticks, int(raw) if raw.isdigit() else None, notes)
    services.kits.save_notes(
        card.id, str(form.get("notes", "") or ""), str(form.get("candidate", "") or "") or None
    )
    jump = str(form.get("jump", "") or "")
    return RedirectResponse(
        f"/scorecards/{card.id}?saved=1" + (f"#q{jump}" if jump.isdigit() else ""), status_code=303
    )


@router.get("/scorecards/{card_id}/export.{fmt}", include_in_schema=False)
def scorecard_export(services: ServicesDep, card_id: int, fmt: str) -> Response:
    """The scored result as Markdown or PDF."""
    card, kit = services.kits.scorecard(card_id)
    if fmt not in ("md", "pdf"):
        raise UserError(f"Unknown format '{fmt}'.", "Use export.md or export.pdf.")
    doc = scorecard_document(card, kit, services.kits.recommendation(card, kit))
    return _download(
        as_pdf(doc) if fmt == "pdf" else as_markdown(doc), f"scorecard-{card_id}.{fmt}", fmt == "pdf"
    )
