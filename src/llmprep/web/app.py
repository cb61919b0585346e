"""`create_app(services)`: the FastAPI application, its routers, static files and the one error handler.

Errors: an `LlmprepError` (and any 404/405/422 from routing) becomes the JSON shape
`{"ok": false, "error", "hint", "errors", "status"}` under /api, a small fragment for HTMX requests, and
the error page otherwise. Unexpected exceptions get the same shapes with status 500 and no traceback.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from llmprep.bootstrap import Services
from llmprep.errors import LlmprepError
from llmprep.web.deps import is_htmx, render
from llmprep.web.pages import (
    api,
    ask,
    bank,
    challenges,
    dashboard,
    drills,
    interview_api,
    interviewer,
    mock,
    plan,
    questions,
    review,
)

log = logging.getLogger("llmprep.web")
STATIC = Path(__file__).resolve().parent / "static"


def error_payload(
    status: int, message: str, hint: str = "", errors: list[Any] | None = None
) -> dict[str, Any]:
    """The one JSON error shape."""
    return {"ok": False, "error": message, "hint": hint, "errors": errors or [], "status": status}


def _respond(
    request: Request, status: int, message: str, hint: str = "", errors: list[Any] | None = None
) -> Response:
    if request.url.path.startswith("/api"):
        return JSONResponse(error_payload(status, message, hint, errors), status_code=status)
    if is_htmx(request):
        body = (
            f'<div class="alert alert-error" role="alert"><strong>{_esc(message)}</strong> {_esc(hint)}</div>'
        )
        # HTMX swaps only 2xx by default; the fragment is meant to be shown, so send 200 with a header.
        return HTMLResponse(
            body, status_code=200, headers={"HX-Retarget": "#flash", "HX-Reswap": "innerHTML"}
        )
    return render(
        request,
        "error.html",
        status_code=status,
        status=status,
        message=message,
        hint=hint,
        errors=errors or [],
    )


def _esc(text: str) -> str:
    import html

    return html.escape(text)


def create_app(services: Services) -> FastAPI:
    """Build the app around already-built services (tests pass their own)."""
    app = FastAPI(
        title="llmprep",
        description="Practise and run LLM / GenAI engineering interviews, offline. JSON API.",
        version="0.1.0",
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.services = services
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    routers = (dashboard, bank, questions, review, api, drills, plan, mock, interviewer, interview_api, ask)
    for module in (*routers, challenges):
        app.include_router(module.router)

    @app.exception_handler(LlmprepError)
    async def _llmprep_error(request: Request, exc: LlmprepError) -> Response:
        return _respond(request, exc.status, exc.message, exc.hint, list(exc.details))

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = "Page not found." if exc.status_code == 404 else str(exc.detail)
        hint = "Check the address, or start from the dashboard." if exc.status_code == 404 else ""
        return _respond(request, exc.status_code, message, hint)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> Response:
        errors = [f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()]
        return _respond(request, 422, "The request is not valid.", "Correct the listed fields.", errors)

    @app.middleware("http")
    async def _unexpected(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        try:
            return await call_next(request)
        except Exception:
            log.exception("unexpected error on %s", request.url.path)
            return _respond(
                request,
                500,
                "Something went wrong inside llmprep.",
                "Your input was not lost; go back and try again, and report the bug if it repeats.",
            )

    return app
