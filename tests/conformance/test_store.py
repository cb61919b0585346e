"""One suite for every Store backend: SQLite (always) and PostgreSQL (local cluster or
LLMPREP_TEST_DATABASE_URL). Same migrations, same behaviour."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from llmprep.domain.practice import Attempt, AttemptId, Dispute, ReviewCard, ReviewLog
from llmprep.store.migrating import make_engine, table_names, upgrade
from llmprep.store.sql import SqlStore
from llmprep.store.tables import metadata

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SqlStore]:
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'db' / 'test.db'}")
    else:
        engine = make_engine(request.getfixturevalue("postgres_url"))
        with engine.begin() as conn:  # a clean schema per test
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    upgrade(engine)
    yield SqlStore(engine)
    engine.dispose()


def _attempt(user_id: int, item: str = "kv-cache", score: float = 6.5, at: datetime = NOW) -> Attempt:
    return Attempt(
        AttemptId(0),
        user_id,
        item,
        "answer ✓ with unicode",
        42.0,
        score,  # type: ignore[arg-type]
        [{"text": "p", "weight": 2.0, "verdict": "covered", "evidence": ["s"]}],
        [],
        ["flag"],
        "feedback",
        "rubric-test",
        0.7,
        at,
    )


def test_migrations_create_every_table_and_are_idempotent(store: SqlStore) -> None:
    upgrade(store.engine)
    assert set(metadata.tables) <= table_names(store.engine)
    assert "alembic_version" in table_names(store.engine)


def test_ensure_user_is_idempotent(store: SqlStore) -> None:
    a = store.ensure_user("local")
    b = store.ensure_user("local")
    assert a.id == b.id and a.created_at.tzinfo is not None
    assert store.ensure_user("other").id != a.id


def test_update_user_sets_interview_date(store: SqlStore) -> None:
    u = store.ensure_user("local")
    u2 = store.update_user(u.id, interview_date=NOW + timedelta(days=30), target_role="engineer")
    assert u2.interview_date == NOW + timedelta(days=30) and u2.target_role == "engineer"


def test_attempts_round_trip_every_field(store: SqlStore) -> None:
    u = store.ensure_user("local")
    saved = store.add_attempt(_attempt(u.id))
    assert saved.id > 0
    got = store.get_attempt(saved.id)
    assert got == saved
    assert got.verdicts[0]["evidence"] == ["s"] and got.created_at == NOW
    assert store.get_attempt(9999) is None


def test_list_attempts_newest_first_and_filtered(store: SqlStore) -> None:
    u = store.ensure_user("local")
    store.add_attempt(_attempt(u.id, "a", at=NOW))
    store.add_attempt(_attempt(u.id, "b", at=NOW + timedelta(minutes=1)))
    assert [a.item_id for a in store.list_attempts(u.id)] == ["b", "a"]
    assert [a.item_id for a in store.list_attempts(u.id, item_id="a")] == ["a"]
    assert store.list_attempts(store.ensure_user("x").id) == []


def test_save_card_upserts_and_due_query(store: SqlStore) -> None:
    u = store.ensure_user("local")
    card = ReviewCard(u.id, "kv-cache", "question", 1, 0, 2.3, 5.0, NOW + timedelta(days=1), NOW, 1, 0)
    store.save_card(card)
    store.save_card(
        ReviewCard(u.id, "kv-cache", "question", 2, None, 9.0, 4.0, NOW - timedelta(hours=1), NOW, 2, 0)
    )
    store.save_card(ReviewCard(u.id, "other", "question", 1, 0, 1.0, 5.0, NOW + timedelta(days=3), NOW, 1, 0))
    assert store.get_card(u.id, "kv-cache", "question").reps == 2  # type: ignore[union-attr]
    assert store.get_card(u.id, "kv-cache", "challenge") is None
    assert [c.item_id for c in store.list_cards(u.id, due_before=NOW)] == ["kv-cache"]
    assert [c.item_id for c in store.list_cards(u.id)] == ["kv-cache", "other"]


def test_review_logs_and_disputes(store: SqlStore) -> None:
    u = store.ensure_user("local")
    a = store.add_attempt(_attempt(u.id))
    store.add_review_log(ReviewLog(u.id, "kv-cache", "question", 3, NOW, "graded", 12.0, a.id))
    store.add_review_log(ReviewLog(u.id, "kv-cache", "question", 1, NOW + timedelta(days=1), "self"))
    logs = store.list_review_logs(u.id)
    assert [lg.rating for lg in logs] == [3, 1] and logs[0].attempt_id == a.id
    assert len(store.list_review_logs(u.id, since=NOW + timedelta(hours=1))) == 1
    store.add_dispute(Dispute(a.id, 0, "I said it", NOW))
    assert store.list_disputes(a.id)[0].reason == "I said it"
