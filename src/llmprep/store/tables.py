"""Table definitions (SQLAlchemy Core). The schema itself is created by the Alembic migrations; these
objects only describe it for queries. Keep both in step: a test compares them.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(120), nullable=False, unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("interview_date", DateTime(timezone=True), nullable=True),
    Column("target_role", String(20), nullable=True),
    Column("daily_minutes", Integer, nullable=True),
)

attempts = Table(
    "attempts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("item_id", String(120), nullable=False, index=True),
    Column("answer", Text, nullable=False),
    Column("time_taken_s", Float, nullable=False),
    Column("score", Float, nullable=False),
    Column("verdicts", JSON, nullable=False),
    Column("misconceptions", JSON, nullable=False),
    Column("flags", JSON, nullable=False),
    Column("feedback", Text, nullable=False),
    Column("grader_version", String(60), nullable=False),
    Column("confidence", Float, nullable=False),
    Column("mode", String(20), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

cards = Table(
    "review_cards",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("item_id", String(120), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("state", Integer, nullable=False),
    Column("step", Integer, nullable=True),
    Column("stability", Float, nullable=True),
    Column("difficulty", Float, nullable=True),
    Column("due", DateTime(timezone=True), nullable=False, index=True),
    Column("last_review", DateTime(timezone=True), nullable=True),
    Column("reps", Integer, nullable=False),
    Column("lapses", Integer, nullable=False),
    UniqueConstraint("user_id", "item_id", "kind", name="uq_card_user_item_kind"),
)

review_logs = Table(
    "review_logs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("item_id", String(120), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("rating", Integer, nullable=False),
    Column("reviewed_at", DateTime(timezone=True), nullable=False),
    Column("source", String(20), nullable=False),
    Column("duration_s", Float, nullable=True),
    Column("attempt_id", Integer, ForeignKey("attempts.id", ondelete="SET NULL"), nullable=True),
)

disputes = Table(
    "disputes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("attempt_id", Integer, ForeignKey("attempts.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("point_index", Integer, nullable=False),
    Column("reason", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)
