"""Dashboard: what is due, the streak, mastery per topic (an SVG bar chart) and recent attempts."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from llmprep.services.planning import plan_for
from llmprep.services.progress import progress
from llmprep.services.readiness import readiness
from llmprep.web.deps import ServicesDep, render

router = APIRouter()


@router.get("/", include_in_schema=False)
def dashboard(request: Request, services: ServicesDep, role: str = "") -> Response:
    """The home page."""
    user = services.user
    stats = progress(services.bank, services.store, services.review, user)
    titles = {i.id: i.title for i in services.bank.items.values()}
    ready = readiness(services.bank, services.store, user, role or user.target_role or "engineer")
    plan = plan_for(services.bank, services.store, user)
    return render(
        request,
        "dashboard.html",
        nav="dashboard",
        stats=stats,
        titles=titles,
        ready=ready,
        plan=plan,
        today=plan.days[0] if plan and plan.days else None,
    )
