"""Request-scoped access to the process's `Services` and the Jinja2 templates."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.templating import Jinja2Templates
from starlette.responses import Response

from llmprep.bootstrap import Services
from llmprep.services.grading.published import load_published
from llmprep.web.rendering import highlight, markdown

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).resolve().parent / "templates"))
TEMPLATES.env.filters["markdown"] = markdown
TEMPLATES.env.globals["highlight"] = highlight
TEMPLATES.env.filters["pct"] = lambda v: f"{100 * float(v):.0f}%"
TEMPLATES.env.globals["grading_agreement"] = load_published  # the figures of the last published bench run


def get_services(request: Request) -> Services:
    """The Services the app was created with."""
    services: Services = request.app.state.services
    return services


ServicesDep = Annotated[Services, Depends(get_services)]


def is_htmx(request: Request) -> bool:
    """True when the request came from HTMX and wants a fragment."""
    return request.headers.get("HX-Request") == "true"


def render(request: Request, template: str, *, status_code: int = 200, **context: Any) -> Response:
    """Render a template with the request and the active nav section."""
    return TEMPLATES.TemplateResponse(request, template, context, status_code=status_code)
