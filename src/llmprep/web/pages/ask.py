"""The tutor on the web: the Ask page, `/api/ask` (JSON) and `/api/ask/stream` (server-sent events).

The page renders the extractive answer on the server, so it works without JavaScript; when an LLM is
configured, a small script streams the grounded, cited answer above the passages from `/api/ask/stream`.
Note files are shown through `/ask/note`, which serves only files already indexed as notes.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse, StreamingResponse
from pydantic import BaseModel, Field
from starlette.responses import Response

from llmprep.errors import NotFoundError, UserError
from llmprep.services.tutor.documents import read_document
from llmprep.web.deps import ServicesDep, render

router = APIRouter()


class AskIn(BaseModel):
    """A question for the tutor."""

    question: str = Field(min_length=1, max_length=2000, description="The question.")
    k: int = Field(default=4, ge=1, le=10, description="How many passages to cite.")
    llm: bool = Field(default=True, description="Use the configured LLM for a grounded answer.")


@router.get("/ask", include_in_schema=False)
def ask_page(request: Request, services: ServicesDep, q: str = "") -> Response:
    """The question box and, for a question, the cited passages."""
    tutor = services.tutor
    error: UserError | None = None
    answer = None
    if q.strip():
        try:
            answer = tutor.ask(q, use_llm=False)
        except UserError as exc:  # e.g. still indexing: keep the question in the box
            error = exc
    return render(
        request,
        "ask.html",
        status_code=error.status if error else 200,
        nav="ask",
        q=q,
        error=error,
        answer=answer,
        streaming=tutor.llm is not None and answer is not None and answer.supported,
        notes=len(tutor.list_notes()),
    )


@router.get("/ask/note", include_in_schema=False)
def note_text(services: ServicesDep, path: str) -> Response:
    """The text of an indexed note file (nothing else on disk is reachable)."""
    known = {s.location for s in services.tutor.list_notes()}
    if path not in known:
        raise NotFoundError(
            "That file is not one of your indexed notes.", "Add it with: llmprep notes add PATH"
        )
    return PlainTextResponse(read_document(Path(path)))


@router.post("/api/ask", tags=["api"])
def api_ask(services: ServicesDep, body: AskIn) -> dict[str, Any]:
    """A cited answer (grounded LLM answer when configured and `llm`, else extractive)."""
    answer = services.tutor.ask(body.question, k=body.k, use_llm=body.llm)
    return {"ok": True, **answer.as_dict()}


def _sse(event: str, data: Any) -> str:
    return f"event: {event}\ndata: {json.dumps(data)}\n\n"


@router.get("/api/ask/stream", tags=["api"])
def api_ask_stream(services: ServicesDep, q: str, k: int = 4) -> Response:
    """Server-sent events: `sources` (passages), `delta` (answer text), then `done` (the whole answer)."""
    events = services.tutor.stream(q, k=max(1, min(k, 10)))
    first = next(events)  # raises UserError (an empty question) before the stream starts

    def body() -> Iterator[str]:
        yield _sse("sources", [p.as_dict() for p in first.data])
        for event in events:
            data = event.data.as_dict() if event.kind == "done" else event.data
            yield _sse(event.kind, data)

    return StreamingResponse(body(), media_type="text/event-stream", headers={"Cache-Control": "no-cache"})
