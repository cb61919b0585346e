"""`SqlStore`: the `Store` on SQLAlchemy Core, for SQLite (default) and PostgreSQL.

Rows are converted to domain dataclasses at this boundary; nothing above sees SQLAlchemy. SQLite returns
naive datetimes, so every timestamp is re-tagged as UTC on the way out.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, delete, insert, select, update
from sqlalchemy.engine import RowMapping

from llmprep.domain.practice import (
    Attempt,
    AttemptId,
    CardKind,
    Dispute,
    ReviewCard,
    ReviewLog,
    User,
    UserId,
)
from llmprep.store.tables import attempts, cards, disputes, review_logs, users
from llmprep.store.times import as_utc, required_utc


def _user(row: RowMapping) -> User:
    return User(
        UserId(row["id"]),
        row["name"],
        required_utc(row["created_at"]),
        as_utc(row["interview_date"]),
        row["target_role"],
        row["daily_minutes"],
    )


def _attempt(row: RowMapping) -> Attempt:
    return Attempt(
        id=AttemptId(row["id"]),
        user_id=UserId(row["user_id"]),
        item_id=row["item_id"],
        answer=row["answer"],
        time_taken_s=row["time_taken_s"],
        score=row["score"],
        verdicts=list(row["verdicts"]),
        misconceptions=list(row["misconceptions"]),
        flags=list(row["flags"]),
        feedback=row["feedback"],
        grader_version=row["grader_version"],
        confidence=row["confidence"],
        created_at=required_utc(row["created_at"]),
        mode=row["mode"],
    )


def _card(row: RowMapping) -> ReviewCard:
    return ReviewCard(
        user_id=UserId(row["user_id"]),
        item_id=row["item_id"],
        kind=row["kind"],
        state=row["state"],
        step=row["step"],
        stability=row["stability"],
        difficulty=row["difficulty"],
        due=required_utc(row["due"]),
        last_review=as_utc(row["last_review"]),
        reps=row["reps"],
        lapses=row["lapses"],
    )


def _log(row: RowMapping) -> ReviewLog:
    return ReviewLog(
        user_id=UserId(row["user_id"]),
        item_id=row["item_id"],
        kind=row["kind"],
        rating=row["rating"],
        reviewed_at=required_utc(row["reviewed_at"]),
        source=row["source"],
        duration_s=row["duration_s"],
        attempt_id=AttemptId(row["attempt_id"]) if row["attempt_id"] is not None else None,
    )


class SqlStore:
    """The Store on a migrated SQLAlchemy engine."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def ensure_user(self, name: str) -> User:
        with self.engine.begin() as conn:
            row = conn.execute(select(users).where(users.c.name == name)).mappings().first()
            if row is None:
                conn.execute(insert(users).values(name=name, created_at=datetime.now(UTC)))
                row = conn.execute(select(users).where(users.c.name == name)).mappings().one()
        return _user(row)

    def update_user(
        self,
        user_id: UserId,
        *,
        interview_date: datetime | None,
        target_role: str | None,
        daily_minutes: int | None = None,
    ) -> User:
        with self.engine.begin() as conn:
            conn.execute(
                update(users)
                .where(users.c.id == user_id)
                .values(interview_date=interview_date, target_role=target_role, daily_minutes=daily_minutes)
            )
            return _user(conn.execute(select(users).where(users.c.id == user_id)).mappings().one())

    def add_attempt(self, attempt: Attempt) -> Attempt:
        values: dict[str, Any] = {
            "user_id": attempt.user_id,
            "item_id": attempt.item_id,
            "answer": attempt.answer,
            "time_taken_s": attempt.time_taken_s,
            "score": attempt.score,
            "verdicts": attempt.verdicts,
            "misconceptions": attempt.misconceptions,
            "flags": attempt.flags,
            "feedback": attempt.feedback,
            "grader_version": attempt.grader_version,
            "confidence": attempt.confidence,
            "mode": attempt.mode,
            "created_at": attempt.created_at,
        }
        with self.engine.begin() as conn:
            new_id = conn.execute(insert(attempts).values(**values).returning(attempts.c.id)).scalar_one()
            row = conn.execute(select(attempts).where(attempts.c.id == new_id)).mappings().one()
        return _attempt(row)

    def get_attempt(self, attempt_id: int) -> Attempt | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(attempts).where(attempts.c.id == attempt_id)).mappings().first()
        return _attempt(row) if row else None

    def list_attempts(self, user_id: UserId, item_id: str | None = None, limit: int = 100) -> list[Attempt]:
        q = select(attempts).where(attempts.c.user_id == user_id)
        if item_id is not None:
            q = q.where(attempts.c.item_id == item_id)
        q = q.order_by(attempts.c.created_at.desc(), attempts.c.id.desc()).limit(limit)
        with self.engine.connect() as conn:
            return [_attempt(r) for r in conn.execute(q).mappings()]

    def get_card(self, user_id: UserId, item_id: str, kind: CardKind) -> ReviewCard | None:
        q = select(cards).where(cards.c.user_id == user_id, cards.c.item_id == item_id, cards.c.kind == kind)
        with self.engine.connect() as conn:
            row = conn.execute(q).mappings().first()
        return _card(row) if row else None

    def save_card(self, card: ReviewCard) -> None:
        values = {
            "user_id": card.user_id,
            "item_id": card.item_id,
            "kind": card.kind,
            "state": card.state,
            "step": card.step,
            "stability": card.stability,
            "difficulty": card.difficulty,
            "due": card.due,
            "last_review": card.last_review,
            "reps": card.reps,
            "lapses": card.lapses,
        }
        key = (cards.c.user_id == card.user_id, cards.c.item_id == card.item_id, cards.c.kind == card.kind)
        with self.engine.begin() as conn:
            conn.execute(delete(cards).where(*key))
            conn.execute(insert(cards).values(**values))

    def list_cards(self, user_id: UserId, due_before: datetime | None = None) -> list[ReviewCard]:
        q = select(cards).where(cards.c.user_id == user_id)
        if due_before is not None:
            q = q.where(cards.c.due <= due_before)
        with self.engine.connect() as conn:
            return [_card(r) for r in conn.execute(q.order_by(cards.c.due, cards.c.id)).mappings()]

    def add_review_log(self, log: ReviewLog) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                insert(review_logs).values(
                    user_id=log.user_id,
                    item_id=log.item_id,
                    kind=log.kind,
                    rating=log.rating,
                    reviewed_at=log.reviewed_at,
                    source=log.source,
                    duration_s=log.duration_s,
                    attempt_id=log.attempt_id,
                )
            )

    def list_review_logs(self, user_id: UserId, since: datetime | None = None) -> list[ReviewLog]:
        q = select(review_logs).where(review_logs.c.user_id == user_id)
        if since is not None:
            q = q.where(review_logs.c.reviewed_at >= since)
        with self.engine.connect() as conn:
            return [
                _log(r)
                for r in conn.execute(q.order_by(review_logs.c.reviewed_at, review_logs.c.id)).mappings()
            ]

    def add_dispute(self, dispute: Dispute) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                insert(disputes).values(
                    attempt_id=dispute.attempt_id,
                    point_index=dispute.point_index,
                    reason=dispute.reason,
                    created_at=dispute.created_at,
                )
            )

    def list_disputes(self, attempt_id: int) -> list[Dispute]:
        q = select(disputes).where(disputes.c.attempt_id == attempt_id).order_by(disputes.c.id)
        with self.engine.connect() as conn:
            return [
                Dispute(
                    AttemptId(r["attempt_id"]), r["point_index"], r["reason"], required_utc(r["created_at"])
                )
                for r in conn.execute(q).mappings()
            ]
