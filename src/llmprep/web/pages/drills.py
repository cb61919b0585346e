"""Estimation drills page: pick a kind, get fresh numbers, answer with a unit and your working, and see
the exact value, the verdict on the number and the worked solution."""

from __future__ import annotations

import time
from typing import Annotated

from fastapi import APIRouter, Form, Request
from starlette.responses import Response

from llmprep.errors import UserError
from llmprep.web.deps import ServicesDep, render

router = APIRouter()


@router.get("/drills", include_in_schema=False)
def drills(request: Request, services: ServicesDep, kind: str = "", seed: int | None = None) -> Response:
    """A drill (random kind unless chosen) with fresh numbers."""
    drill = services.drills.deal(kind or None, seed)
    return render(
        request,
        "drill.html",
        nav="drills",
        drill=drill,
        kinds=services.drills.kinds(),
        answer="",
        reasoning="",
        error=None,
        started_at=time.time(),
    )


@router.post("/drills/{kind}/{seed}", include_in_schema=False)
def submit(
    request: Request,
    services: ServicesDep,
    kind: str,
    seed: int,
    answer: Annotated[str, Form()] = "",
    reasoning: Annotated[str, Form()] = "",
    started_at: Annotated[float, Form()] = 0.0,
) -> Response:
    """Grade the answer; a refused answer comes back with the text kept."""
    try:
        taken = time.time() - started_at if started_at > 0 else 0.0
        result = services.drills.submit(services.user, kind, seed, answer, reasoning, taken)
    except UserError as exc:
        drill = services.drills.deal(kind, seed)
        return render(
            request,
            "drill.html",
            status_code=exc.status,
            nav="drills",
            drill=drill,
            kinds=services.drills.kinds(),
            answer=answer,
            reasoning=reasoning,
            error=exc,
            started_at=started_at,
        )
    return render(request, "drill_result.html", nav="drills", result=result)
