"""`InterviewStore`: mocks, their turns, kits and scorecards on SQLAlchemy Core (SQLite or PostgreSQL).

Rows become domain dataclasses here; timestamps come out as aware UTC. A mock's whole state lives in its
row and its turns, so a mock survives a browser reload and a server restart.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, insert, select, update
from sqlalchemy.engine import RowMapping

from llmprep.domain.kits import Kit, KitQuestion, Mark, Scorecard
from llmprep.domain.mocks import Mock, MockSpec, Slot, Turn
from llmprep.store.interview_tables import kits, mock_turns, mocks, scorecards
from llmprep.store.times import as_utc, required_utc


def _spec(d: dict[str, Any]) -> MockSpec:
    return MockSpec(d["role"], int(d["minutes"]), d["profile"], tuple(d["topics"]), int(d["seed"]))


def _mock(row: RowMapping) -> Mock:
    return Mock(
        id=row["id"],
        user_id=row["user_id"],
        spec=_spec(row["spec"]),
        slots=tuple(Slot.from_dict(s) for s in row["slots"]),
        status=row["status"],
        current=row["current"],
        pending_rung=row["pending_rung"],
        started_at=required_utc(row["started_at"]),
        deadline=required_utc(row["deadline"]),
        question_started_at=required_utc(row["question_started_at"]),
        paused_at=as_utc(row["paused_at"]),
        finished_at=as_utc(row["finished_at"]),
        report=row["report"],
    )


def _turn(row: RowMapping) -> Turn:
    return Turn(
        id=row["id"],
        mock_id=row["mock_id"],
        slot_index=row["slot_index"],
        rung=row["rung"],
        prompt=row["prompt"],
        answer=row["answer"],
        score=row["score"],
        points=list(row["points"]),
        time_s=row["time_s"],
        created_at=required_utc(row["created_at"]),
        attempt_id=row["attempt_id"],
        skipped=bool(row["skipped"]),
    )


def _kit(row: RowMapping) -> Kit:
    return Kit(
        id=row["id"],
        title=row["title"],
        role=row["role"],
        level=row["level"],
        minutes=row["minutes"],
        profile=row["profile"],
        seed=row["seed"],
        questions=tuple(KitQuestion.from_dict(q) for q in row["questions"]),
        created_at=required_utc(row["created_at"]),
    )


def _marks_json(marks: dict[int, Mark]) -> dict[str, Any]:
    return {str(i): {"ticks": list(m.ticks), "score": m.score, "notes": m.notes} for i, m in marks.items()}


def _scorecard(row: RowMapping) -> Scorecard:
    marks = {
        int(k): Mark(tuple(int(t) for t in v["ticks"]), v["score"], v["notes"])
        for k, v in row["marks"].items()
    }
    return Scorecard(
        id=row["id"],
        kit_id=row["kit_id"],
        candidate=row["candidate"],
        level=row["level"],
        source=row["source"],
        marks=marks,
        notes=row["notes"],
        created_at=required_utc(row["created_at"]),
        updated_at=required_utc(row["updated_at"]),
    )


class InterviewStore:
    """Persistence of mocks, turns, kits and scorecards on a migrated engine."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # --- mocks -------------------------------------------------------------------------------------
    def add_mock(self, mock: Mock) -> Mock:
        """Store a new mock (its id is ignored) and return it with its id."""
        values = {
            "user_id": mock.user_id,
            "spec": {
                "role": mock.spec.role,
                "minutes": mock.spec.minutes,
                "profile": mock.spec.profile,
                "topics": list(mock.spec.topics),
                "seed": mock.spec.seed,
            },
            "slots": [s.to_dict() for s in mock.slots],
            "status": mock.status,
            "current": mock.current,
            "pending_rung": mock.pending_rung,
            "started_at": mock.started_at,
            "deadline": mock.deadline,
            "question_started_at": mock.question_started_at,
            "paused_at": mock.paused_at,
            "finished_at": mock.finished_at,
            "report": mock.report,
        }
        with self.engine.begin() as conn:
            new_id = conn.execute(insert(mocks).values(**values).returning(mocks.c.id)).scalar_one()
            return _mock(conn.execute(select(mocks).where(mocks.c.id == new_id)).mappings().one())

    def save_mock(self, mock: Mock) -> None:
        """Update a mock's mutable state (status, position, clock, report)."""
        with self.engine.begin() as conn:
            conn.execute(
                update(mocks)
                .where(mocks.c.id == mock.id)
                .values(
                    status=mock.status,
                    current=mock.current,
                    pending_rung=mock.pending_rung,
                    deadline=mock.deadline,
                    question_started_at=mock.question_started_at,
                    paused_at=mock.paused_at,
                    finished_at=mock.finished_at,
                    report=mock.report,
                )
            )

    def get_mock(self, mock_id: int) -> Mock | None:
        """One mock, or None."""
        with self.engine.connect() as conn:
            row = conn.execute(select(mocks).where(mocks.c.id == mock_id)).mappings().first()
        return _mock(row) if row is not None else None

    def list_mocks(self, user_id: int, status: str | None = None) -> list[Mock]:
        """A user's mocks, newest first (only those with `status`, when given)."""
        q = select(mocks).where(mocks.c.user_id == user_id)
        if status is not None:
            q = q.where(mocks.c.status == status)
        with self.engine.connect() as conn:
            return [
                _mock(r)
                for r in conn.execute(q.order_by(mocks.c.started_at.desc(), mocks.c.id.desc())).mappings()
            ]

    def add_turn(self, turn: Turn) -> Turn:
        """Append an answered prompt."""
        values = {
            "mock_id": turn.mock_id,
            "slot_index": turn.slot_index,
            "rung": turn.rung,
            "prompt": turn.prompt,
            "answer": turn.answer,
            "score": turn.score,
            "points": turn.points,
            "time_s": turn.time_s,
            "attempt_id": turn.attempt_id,
            "skipped": int(turn.skipped),
            "created_at": turn.created_at,
        }
        with self.engine.begin() as conn:
            new_id = conn.execute(insert(mock_turns).values(**values).returning(mock_turns.c.id)).scalar_one()
            return _turn(conn.execute(select(mock_turns).where(mock_turns.c.id == new_id)).mappings().one())

    def list_turns(self, mock_id: int) -> list[Turn]:
        """The turns of a mock in the order they were answered."""
        q = select(mock_turns).where(mock_turns.c.mock_id == mock_id).order_by(mock_turns.c.id)
        with self.engine.connect() as conn:
            return [_turn(r) for r in conn.execute(q).mappings()]

    # --- kits --------------------------------------------------------------------------------------
    def add_kit(self, kit: Kit) -> Kit:
        """Store a kit and return it with its id."""
        values = {
            "title": kit.title,
            "role": kit.role,
            "level": kit.level,
            "minutes": kit.minutes,
            "profile": kit.profile,
            "seed": kit.seed,
            "questions": [q.to_dict() for q in kit.questions],
            "created_at": kit.created_at,
        }
        with self.engine.begin() as conn:
            new_id = conn.execute(insert(kits).values(**values).returning(kits.c.id)).scalar_one()
            return _kit(conn.execute(select(kits).where(kits.c.id == new_id)).mappings().one())

    def get_kit(self, kit_id: int) -> Kit | None:
        """One kit, or None."""
        with self.engine.connect() as conn:
            row = conn.execute(select(kits).where(kits.c.id == kit_id)).mappings().first()
        return _kit(row) if row is not None else None

    def list_kits(self) -> list[Kit]:
        """Every kit, newest first."""
        with self.engine.connect() as conn:
            q = select(kits).order_by(kits.c.created_at.desc(), kits.c.id.desc())
            return [_kit(r) for r in conn.execute(q).mappings()]

    def add_scorecard(self, card: Scorecard) -> Scorecard:
        """Store a scorecard and return it with its id."""
        values = {
            "kit_id": card.kit_id,
            "candidate": card.candidate,
            "level": card.level,
            "source": card.source,
            "marks": _marks_json(card.marks),
            "notes": card.notes,
            "created_at": card.created_at,
            "updated_at": card.updated_at,
        }
        with self.engine.begin() as conn:
            new_id = conn.execute(insert(scorecards).values(**values).returning(scorecards.c.id)).scalar_one()
            return _scorecard(
                conn.execute(select(scorecards).where(scorecards.c.id == new_id)).mappings().one()
            )

    def save_scorecard(self, card: Scorecard) -> None:
        """Replace a scorecard's marks and notes."""
        with self.engine.begin() as conn:
            conn.execute(
                update(scorecards)
                .where(scorecards.c.id == card.id)
                .values(
                    marks=_marks_json(card.marks),
                    notes=card.notes,
                    updated_at=card.updated_at,
                    candidate=card.candidate,
                    level=card.level,
                )
            )

    def get_scorecard(self, card_id: int) -> Scorecard | None:
        """One scorecard, or None."""
        with self.engine.connect() as conn:
            row = conn.execute(select(scorecards).where(scorecards.c.id == card_id)).mappings().first()
        return _scorecard(row) if row is not None else None

    def list_scorecards(self, kit_id: int | None = None) -> list[Scorecard]:
        """Scorecards (of one kit, when given), newest first."""
        q = select(scorecards)
        if kit_id is not None:
            q = q.where(scorecards.c.kit_id == kit_id)
        with self.engine.connect() as conn:
            q = q.order_by(scorecards.c.created_at.desc(), scorecards.c.id.desc())
            return [_scorecard(r) for r in conn.execute(q).mappings()]
