"""Dashboard: what is due, the streak, mastery per topic (an SVG bar chart) and recent attempts."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from llmprep.services.progress import progress
from llmprep.web.deps import ServicesDep, render

router = APIRouter()


@router.get("/", include_in_schema=False)
def dashboard(request: Request, services: ServicesDep) -> Response:
    """The home page."""
    stats = progress(services.bank, services.store, services.review, services.user)
    titles = {i.id: i.title for i in services.bank.items.values()}
    return render(request, "dashboard.html", nav="dashboard", stats=stats, titles=titles)
