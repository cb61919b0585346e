"""Mock interviews (mocks, mock_turns) and interviewer kits (kits, scorecards).

Revision ID: m002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "m002"
down_revision = "m001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "mocks",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("spec", sa.JSON, nullable=False),
        sa.Column("slots", sa.JSON, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("current", sa.Integer, nullable=False),
        sa.Column("pending_rung", sa.Integer, nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deadline", sa.DateTime(timezone=True), nullable=False),
        sa.Column("question_started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("paused_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("report", sa.JSON, nullable=True),
    )
    op.create_index("ix_mocks_user_id", "mocks", ["user_id"])
    op.create_table(
        "mock_turns",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("mock_id", sa.Integer, sa.ForeignKey("mocks.id", ondelete="CASCADE"), nullable=False),
        sa.Column("slot_index", sa.Integer, nullable=False),
        sa.Column("rung", sa.Integer, nullable=True),
        sa.Column("prompt", sa.Text, nullable=False),
        sa.Column("answer", sa.Text, nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("points", sa.JSON, nullable=False),
        sa.Column("time_s", sa.Float, nullable=False),
        sa.Column("attempt_id", sa.Integer, sa.ForeignKey("attempts.id", ondelete="SET NULL"), nullable=True),
        sa.Column("skipped", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_mock_turns_mock_id", "mock_turns", ["mock_id"])
    op.create_table(
        "kits",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("level", sa.String(20), nullable=False),
        sa.Column("minutes", sa.Integer, nullable=False),
        sa.Column("profile", sa.String(40), nullable=False),
        sa.Column("seed", sa.Integer, nullable=False),
        sa.Column("questions", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "scorecards",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kit_id", sa.Integer, sa.ForeignKey("kits.id", ondelete="CASCADE"), nullable=False),
        sa.Column("candidate", sa.String(200), nullable=False),
        sa.Column("level", sa.String(20), nullable=False),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("marks", sa.JSON, nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_scorecards_kit_id", "scorecards", ["kit_id"])


def downgrade() -> None:
    for name in ("scorecards", "kits", "mock_turns", "mocks"):
        op.drop_table(name)
