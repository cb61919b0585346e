"""The interview-date plan and readiness: a page with the day-by-day plan, the settings form, and the
JSON twins under /api."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, Field
from starlette.responses import Response

from llmprep.errors import UserError
from llmprep.services.planning import ROLES, plan_for, save_plan_settings
from llmprep.services.readiness import readiness
from llmprep.web.deps import ServicesDep, render

router = APIRouter()


class PlanIn(BaseModel):
    """Interview settings."""

    interview_date: date
    role: str = Field(description="intern | scientist | engineer")
    daily_minutes: int = Field(ge=5, le=600)


@router.get("/plan", include_in_schema=False)
def plan_page(request: Request, services: ServicesDep) -> Response:
    """The plan until the interview day, with the form to change it."""
    user = services.user
    plan = plan_for(services.bank, services.store, user)
    titles = {i.id: i.title for i in services.bank.items.values()}
    return render(
        request, "plan.html", nav="plan", plan=plan, user=user, roles=ROLES, titles=titles, error=None
    )


@router.post("/plan", include_in_schema=False)
def set_plan(
    request: Request,
    services: ServicesDep,
    interview_date: Annotated[str, Form()] = "",
    role: Annotated[str, Form()] = "engineer",
    daily_minutes: Annotated[int, Form()] = 45,
) -> Response:
    """Save the interview settings and show the new plan."""
    try:
        day = date.fromisoformat(interview_date) if interview_date else None
        if day is None:
            raise UserError("Pick the interview date.", "Use the date field (YYYY-MM-DD).")
        save_plan_settings(services.bank, services.store, services.user, day, role, daily_minutes)
    except (UserError, ValueError) as exc:
        err = (
            exc
            if isinstance(exc, UserError)
            else UserError(f"'{interview_date}' is not a date.", "Use YYYY-MM-DD.")
        )
        titles = {i.id: i.title for i in services.bank.items.values()}
        return render(
            request,
            "plan.html",
            status_code=400,
            nav="plan",
            plan=None,
            user=services.user,
            roles=ROLES,
            titles=titles,
            error=err,
        )
    return RedirectResponse("/plan", status_code=303)


@router.get("/api/plan", tags=["api"])
def api_plan(services: ServicesDep) -> dict[str, Any]:
    """The current plan (null when no interview date is set)."""
    plan = plan_for(services.bank, services.store, services.user)
    if plan is None:
        return {"ok": True, "plan": None}
    data = asdict(plan)
    data["interview"] = plan.interview.isoformat()
    data["days"] = [
        {"day": d.day.isoformat(), "reviews": d.reviews, "new": d.new, "minutes": d.minutes}
        for d in plan.days
    ]
    return {"ok": True, "plan": data}


@router.post("/api/plan", tags=["api"])
def api_set_plan(services: ServicesDep, body: PlanIn) -> dict[str, Any]:
    """Set the interview date, target role and daily minutes."""
    save_plan_settings(
        services.bank, services.store, services.user, body.interview_date, body.role, body.daily_minutes
    )
    return api_plan(services)


@router.get("/api/readiness", tags=["api"])
def api_readiness(services: ServicesDep, role: str | None = None) -> dict[str, Any]:
    """Readiness estimate for a role (default: the target role, else engineer)."""
    user = services.user
    r = readiness(services.bank, services.store, user, role or user.target_role or "engineer")
    return {"ok": True, "readiness": asdict(r)}
