"""The JSON API under /api (OpenAPI docs at /api/docs). Same use cases as the pages, same error shape."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from llmprep.content.export import item_to_dict
from llmprep.domain.practice import Attempt
from llmprep.errors import NotFoundError
from llmprep.services.progress import progress
from llmprep.web.deps import ServicesDep

router = APIRouter(prefix="/api", tags=["api"])


class AnswerIn(BaseModel):
    """A written answer to grade."""

    answer: str = Field(description="The candidate's answer (Markdown or plain text).")
    time_taken_s: float = Field(default=0.0, ge=0, description="Seconds spent answering.")


class RatingIn(BaseModel):
    """A self-rating in flashcard mode."""

    rating: int = Field(ge=1, le=4, description="1 Again, 2 Hard, 3 Good, 4 Easy")


class DisputeIn(BaseModel):
    """An objection to one key-point verdict."""

    point_index: int = Field(ge=0)
    reason: str = Field(min_length=1, max_length=2000)


def _attempt_json(a: Attempt) -> dict[str, Any]:
    d = asdict(a)
    d["created_at"] = a.created_at.isoformat()
    return d


@router.get("/health")
def health(services: ServicesDep) -> dict[str, Any]:
    """Liveness, with the bank size."""
    return {"ok": True, "items": len(services.bank.items)}


@router.get("/items")
def list_items(
    services: ServicesDep,
    topic: str | None = None,
    level: str | None = None,
    difficulty: str | None = None,
    type: str | None = None,
    q: str | None = None,
) -> dict[str, Any]:
    """Bank items (summaries), filtered."""
    items = services.bank.filter(topic=topic, level=level, difficulty=difficulty, type=type, text=q)
    return {
        "ok": True,
        "count": len(items),
        "items": [
            {
                "id": i.id,
                "title": i.title,
                "topic": i.topic,
                "type": i.type,
                "difficulty": i.difficulty,
                "levels": list(i.levels),
                "tags": list(i.tags),
            }
            for i in items
        ],
    }


@router.get("/items/{item_id}")
def get_item(services: ServicesDep, item_id: str) -> dict[str, Any]:
    """One item with every field."""
    return {"ok": True, "item": item_to_dict(services.practice.item(item_id))}


@router.post("/items/{item_id}/attempts", status_code=201)
def submit_answer(services: ServicesDep, item_id: str, body: AnswerIn) -> dict[str, Any]:
    """Grade an answer, store the attempt and schedule the next review."""
    sub = services.practice.submit(services.user, item_id, body.answer, body.time_taken_s)
    return {
        "ok": True,
        "attempt": _attempt_json(sub.attempt),
        "grade": {
            "score": sub.grade.score,
            "confidence": sub.grade.confidence,
            "flags": list(sub.grade.flags),
            "feedback": sub.grade.feedback,
            "grader_version": sub.grade.grader_version,
            "points": [asdict(p) for p in sub.grade.points],
            "misconceptions": [asdict(m) for m in sub.grade.misconceptions],
        },
        "review": {
            "rating": sub.review.rating,
            "due": sub.review.card.due.isoformat(),
            "interval_days": round(sub.review.interval_days, 3),
        },
    }


@router.get("/attempts/{attempt_id}")
def get_attempt(services: ServicesDep, attempt_id: int) -> dict[str, Any]:
    """One stored attempt."""
    a = services.store.get_attempt(attempt_id)
    if a is None or a.user_id != services.user.id:
        raise NotFoundError(f"No attempt {attempt_id}.", "List attempts with GET /api/items/{id}/attempts.")
    return {"ok": True, "attempt": _attempt_json(a)}


@router.get("/items/{item_id}/attempts")
def list_attempts(services: ServicesDep, item_id: str) -> dict[str, Any]:
    """The user's attempts at one item, newest first."""
    services.practice.item(item_id)
    attempts = services.store.list_attempts(services.user.id, item_id=item_id)
    return {"ok": True, "attempts": [_attempt_json(a) for a in attempts]}


@router.post("/attempts/{attempt_id}/disputes", status_code=201)
def dispute(services: ServicesDep, attempt_id: int, body: DisputeIn) -> dict[str, Any]:
    """Dispute one verdict of an attempt."""
    d = services.practice.dispute(services.user, attempt_id, body.point_index, body.reason)
    return {
        "ok": True,
        "dispute": {
            "attempt_id": d.attempt_id,
            "point_index": d.point_index,
            "reason": d.reason,
            "created_at": d.created_at.isoformat(),
        },
    }


@router.get("/review/due")
def due(services: ServicesDep) -> dict[str, Any]:
    """Cards due now, most overdue first."""
    cards = services.review.due(services.user.id)
    return {
        "ok": True,
        "count": len(cards),
        "cards": [
            {"item_id": c.item_id, "kind": c.kind, "due": c.due.isoformat(), "reps": c.reps} for c in cards
        ],
    }


@router.post("/review/{item_id}")
def rate(services: ServicesDep, item_id: str, body: RatingIn) -> dict[str, Any]:
    """Self-rate an item (flashcard mode)."""
    services.practice.item(item_id)
    out = services.review.rate(services.user.id, item_id, body.rating, source="self")
    return {"ok": True, "due": out.card.due.isoformat(), "interval_days": round(out.interval_days, 3)}


@router.get("/progress")
def get_progress(services: ServicesDep) -> dict[str, Any]:
    """Dashboard figures."""
    p = progress(services.bank, services.store, services.review, services.user)
    return {
        "ok": True,
        "due_now": p.due_now,
        "due_today": p.due_today,
        "streak_days": p.streak_days,
        "attempts": p.attempts,
        "items_attempted": p.items_attempted,
        "items_total": p.items_total,
        "mean_best": p.mean_best,
        "topics": [asdict(t) for t in p.topics],
    }
