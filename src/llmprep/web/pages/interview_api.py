"""JSON API for mock interviews and interviewer kits (under /api, same use cases and error shape as the
pages). A running mock's JSON never contains model answers; the report does."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from llmprep.domain.kits import Kit, Scorecard
from llmprep.domain.mocks import Mock, MockSpec
from llmprep.errors import UserError
from llmprep.services.mocks import MockView
from llmprep.web.deps import ServicesDep

router = APIRouter(prefix="/api", tags=["interviews"])


class MockIn(BaseModel):
    """Settings of a new mock."""

    role: str = Field(default="engineer", description="intern | scientist | engineer")
    minutes: int = Field(default=30, description="15-90")
    profile: str = Field(
        default="big-tech", description="frontier-lab | big-tech | ai-startup | applied-enterprise"
    )
    topics: list[str] = Field(default_factory=list, description="Only these topic ids (optional)")
    seed: int = Field(default=0, description="Same seed and settings, same questions (0 = random)")


class AnswerIn(BaseModel):
    """An answer to the current prompt."""

    answer: str
    expect: str | None = Field(default=None, description="The prompt's key; a stale key is refused (409)")


class KitIn(BaseModel):
    """Settings of a new kit."""

    role: str = "engineer"
    level: str = Field(default="mid", description="junior | mid | senior | staff")
    minutes: int = 45
    profile: str = "big-tech"
    topics: list[str] = Field(default_factory=list)
    seed: int = 0


class ScorecardIn(BaseModel):
    """A new live scorecard."""

    candidate: str = Field(min_length=1, max_length=200)
    level: str | None = None


class MarkIn(BaseModel):
    """The interviewer's marks on one question (0-based index)."""

    index: int = Field(ge=0)
    ticks: list[int] = Field(default_factory=list)
    score: int | None = Field(default=None, ge=1, le=4)
    notes: str = ""


class TranscriptIn(BaseModel):
    """A pasted transcript to grade against a kit."""

    transcript: str
    candidate: str = ""


def _mock_json(view: MockView) -> dict[str, Any]:
    m = view.mock
    return {
        "ok": True,
        "id": m.id,
        "status": m.status,
        "spec": asdict(m.spec),
        "remaining_s": round(view.remaining_s, 1),
        "deadline": m.deadline.isoformat(),
        "question": min(m.current + 1, view.total),
        "total": view.total,
        "prompt": asdict(view.prompt) | {"key": view.prompt.key} if view.prompt else None,
        "note": view.last_note,
        "report_url": f"/api/mocks/{m.id}/report" if m.status == "finished" else None,
    }


def _mock_summary(m: Mock) -> dict[str, Any]:
    return {
        "id": m.id,
        "status": m.status,
        "spec": asdict(m.spec),
        "started_at": m.started_at.isoformat(),
        "overall": (m.report or {}).get("overall"),
    }


def _kit_json(kit: Kit) -> dict[str, Any]:
    return {
        "id": kit.id,
        "title": kit.title,
        "role": kit.role,
        "level": kit.level,
        "minutes": kit.minutes,
        "profile": kit.profile,
        "seed": kit.seed,
        "created_at": kit.created_at.isoformat(),
        "questions": [q.to_dict() for q in kit.questions],
        "time_plan": [asdict(r) for r in kit.plan],
    }


def _card_json(services: ServicesDep, card: Scorecard, kit: Kit) -> dict[str, Any]:
    rec = services.kits.recommendation(card, kit)
    return {
        "ok": True,
        "id": card.id,
        "kit_id": card.kit_id,
        "candidate": card.candidate,
        "level": card.level,
        "source": card.source,
        "notes": card.notes,
        "updated_at": card.updated_at.isoformat(),
        "marks": {str(i): asdict(m) for i, m in card.marks.items()},
        "recommendation": asdict(rec),
    }


@router.post("/mocks", status_code=201)
def start_mock(services: ServicesDep, body: MockIn) -> dict[str, Any]:
    """Compose and start a mock; returns its first prompt and the clock."""
    m = services.mocks.start(
        services.user, MockSpec(body.role, body.minutes, body.profile, tuple(body.topics), body.seed)
    )
    return _mock_json(services.mocks.view(services.user, m.id))


@router.get("/mocks")
def list_mocks(services: ServicesDep) -> dict[str, Any]:
    """The user's mocks, newest first."""
    return {"ok": True, "mocks": [_mock_summary(m) for m in services.interviews.list_mocks(services.user.id)]}


@router.get("/mocks/{mock_id}")
def get_mock(services: ServicesDep, mock_id: int) -> dict[str, Any]:
    """The current prompt and the clock."""
    return _mock_json(services.mocks.view(services.user, mock_id))


@router.post("/mocks/{mock_id}/answer")
def answer_mock(services: ServicesDep, mock_id: int, body: AnswerIn) -> dict[str, Any]:
    """Answer the current prompt; returns the next one (a follow-up or the next question)."""
    return _mock_json(services.mocks.answer(services.user, mock_id, body.answer, body.expect))


@router.post("/mocks/{mock_id}/{action}")
def control_mock(services: ServicesDep, mock_id: int, action: str) -> dict[str, Any]:
    """pause | resume | skip | finish."""
    actions = {
        "pause": services.mocks.pause,
        "resume": services.mocks.resume,
        "finish": services.mocks.finish,
    }
    if action == "skip":
        return _mock_json(services.mocks.skip(services.user, mock_id))
    if action not in actions:
        raise UserError(f"Unknown action '{action}'.", "Use pause, resume, skip or finish.")
    actions[action](services.user, mock_id)
    return _mock_json(services.mocks.view(services.user, mock_id))


@router.get("/mocks/{mock_id}/report")
def mock_report(services: ServicesDep, mock_id: int) -> dict[str, Any]:
    """The report of a finished mock."""
    return {"ok": True, "report": services.mocks.report(services.user, mock_id)}


@router.post("/kits", status_code=201)
def build_kit(services: ServicesDep, body: KitIn) -> dict[str, Any]:
    """Compose and store a kit."""
    kit = services.kits.build(
        body.role, body.level, body.minutes, body.profile, tuple(body.topics), body.seed
    )
    return {"ok": True, "kit": _kit_json(kit)}


@router.get("/kits")
def list_kits(services: ServicesDep) -> dict[str, Any]:
    """Every kit (summaries), newest first."""
    return {
        "ok": True,
        "kits": [{"id": k.id, "title": k.title, "questions": len(k.questions)} for k in services.kits.all()],
    }


@router.get("/kits/{kit_id}")
def get_kit(services: ServicesDep, kit_id: int) -> dict[str, Any]:
    """One kit with its questions, rubrics, flags and time plan."""
    return {"ok": True, "kit": _kit_json(services.kits.get(kit_id))}


@router.post("/kits/{kit_id}/scorecards", status_code=201)
def new_scorecard(services: ServicesDep, kit_id: int, body: ScorecardIn) -> dict[str, Any]:
    """Start scoring a candidate."""
    card = services.kits.new_scorecard(kit_id, body.candidate, body.level)
    return _card_json(services, card, services.kits.get(kit_id))


@router.post("/kits/{kit_id}/transcript", status_code=201)
def grade_transcript(services: ServicesDep, kit_id: int, body: TranscriptIn) -> dict[str, Any]:
    """Grade a pasted transcript against the kit (stored as a scorecard)."""
    card = services.kits.grade_transcript(kit_id, body.transcript, body.candidate)
    return _card_json(services, card, services.kits.get(kit_id))


@router.get("/scorecards/{card_id}")
def get_scorecard(services: ServicesDep, card_id: int) -> dict[str, Any]:
    """A scorecard with its totals and recommendation."""
    card, kit = services.kits.scorecard(card_id)
    return _card_json(services, card, kit)


@router.post("/scorecards/{card_id}/marks")
def mark(services: ServicesDep, card_id: int, body: MarkIn) -> dict[str, Any]:
    """Record ticks, a 1-4 score (or none: the ticks suggest one) and notes for one question."""
    card = services.kits.mark(card_id, body.index, body.ticks, body.score, body.notes)
    return _card_json(services, card, services.kits.get(card.kit_id))
