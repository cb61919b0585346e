"""Tables of mock interviews and interviewer kits (SQLAlchemy Core), on the shared `metadata`.

Created by migration m002_interviews; keep both in step. Importing this module registers the tables on
`llmprep.store.tables.metadata` (the store and the migration environment import it).
"""

from __future__ import annotations

from sqlalchemy import JSON, Column, DateTime, Float, ForeignKey, Integer, String, Table, Text

from llmprep.store.tables import metadata

mocks = Table(
    "mocks",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("spec", JSON, nullable=False),
    Column("slots", JSON, nullable=False),
    Column("status", String(20), nullable=False),
    Column("current", Integer, nullable=False),
    Column("pending_rung", Integer, nullable=True),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("deadline", DateTime(timezone=True), nullable=False),
    Column("question_started_at", DateTime(timezone=True), nullable=False),
    Column("paused_at", DateTime(timezone=True), nullable=True),
    Column("finished_at", DateTime(timezone=True), nullable=True),
    Column("report", JSON, nullable=True),
)

mock_turns = Table(
    "mock_turns",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("mock_id", Integer, ForeignKey("mocks.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("slot_index", Integer, nullable=False),
    Column("rung", Integer, nullable=True),
    Column("prompt", Text, nullable=False),
    Column("answer", Text, nullable=False),
    Column("score", Float, nullable=False),
    Column("points", JSON, nullable=False),
    Column("time_s", Float, nullable=False),
    Column("attempt_id", Integer, ForeignKey("attempts.id", ondelete="SET NULL"), nullable=True),
    Column("skipped", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

kits = Table(
    "kits",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("title", String(200), nullable=False),
    Column("role", String(20), nullable=False),
    Column("level", String(20), nullable=False),
    Column("minutes", Integer, nullable=False),
    Column("profile", String(40), nullable=False),
    Column("seed", Integer, nullable=False),
    Column("questions", JSON, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

scorecards = Table(
    "scorecards",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kit_id", Integer, ForeignKey("kits.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("candidate", String(200), nullable=False),
    Column("level", String(20), nullable=False),
    Column("source", String(20), nullable=False),
    Column("marks", JSON, nullable=False),
    Column("notes", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)
