"""The interview store (mocks, turns, kits, scorecards) on every backend: SQLite always, PostgreSQL with a
local cluster or LLMPREP_TEST_DATABASE_URL. Same migrations, same behaviour."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from llmprep.domain.kits import Kit, KitPoint, KitQuestion, Mark, Scorecard
from llmprep.domain.mocks import Mock, MockSpec, Slot, Turn
from llmprep.store.interviews import InterviewStore
from llmprep.store.migrating import make_engine, table_names, upgrade
from llmprep.store.sql import SqlStore

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def stores(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[SqlStore, InterviewStore]]:
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'db' / 'test.db'}")
    else:
        engine = make_engine(request.getfixturevalue("postgres_url"))
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    upgrade(engine)
    yield SqlStore(engine), InterviewStore(engine)
    engine.dispose()


def _mock(user_id: int) -> Mock:
    slots = (
        Slot("concept", "kv-cache", "inference", 12.5),
        Slot("practical", "drill:kv-cache:7", "coding", 5.0),
    )
    return Mock(
        0,
        user_id,
        MockSpec("engineer", 30, "ai-startup", ("inference",), 42),
        slots,
        "running",
        0,
        None,
        NOW,
        NOW + timedelta(minutes=30),
        NOW,
    )


def test_migration_creates_the_interview_tables(stores: tuple[SqlStore, InterviewStore]) -> None:
    assert {"mocks", "mock_turns", "kits", "scorecards"} <= table_names(stores[1].engine)


def test_mock_round_trip_and_update(stores: tuple[SqlStore, InterviewStore]) -> None:
    users, store = stores
    u = users.ensure_user("local")
    saved = store.add_mock(_mock(u.id))
    assert saved.id > 0 and store.get_mock(saved.id) == saved
    paused = replace(
        saved,
        status="paused",
        paused_at=NOW + timedelta(minutes=3),
        pending_rung=1,
        current=1,
        report={"overall": 6.5, "topics": [{"name": "ü ✓"}]},
    )
    store.save_mock(paused)
    got = store.get_mock(saved.id)
    assert got == paused and got.paused_at is not None and got.paused_at.tzinfo is not None
    assert store.get_mock(999) is None


def test_list_mocks_newest_first_and_by_status(stores: tuple[SqlStore, InterviewStore]) -> None:
    users, store = stores
    u = users.ensure_user("local")
    a = store.add_mock(_mock(u.id))
    b = store.add_mock(replace(_mock(u.id), started_at=NOW + timedelta(hours=1)))
    store.save_mock(replace(a, status="finished", finished_at=NOW))
    assert [m.id for m in store.list_mocks(u.id)] == [b.id, a.id]
    assert [m.id for m in store.list_mocks(u.id, status="finished")] == [a.id]
    assert store.list_mocks(users.ensure_user("other").id) == []


def test_turns_keep_order_and_fields(stores: tuple[SqlStore, InterviewStore]) -> None:
    users, store = stores
    m = store.add_mock(_mock(users.ensure_user("local").id))
    t1 = store.add_turn(
        Turn(
            0,
            m.id,
            0,
            None,
            "Q?",
            "answer ✓",
            6.0,
            [{"text": "p", "weight": 2.0, "verdict": "covered"}],
            61.5,
            NOW,
        )
    )
    t2 = store.add_turn(Turn(0, m.id, 0, 1, "Follow?", "", 0.0, [], 3.0, NOW, skipped=True))
    assert store.list_turns(m.id) == [t1, t2]
    assert t1.points[0]["verdict"] == "covered" and t2.skipped and t2.rung == 1 and t1.rung is None


def test_kits_and_scorecards_round_trip(stores: tuple[SqlStore, InterviewStore]) -> None:
    _users, store = stores
    q = KitQuestion(
        "kv-cache",
        "KV",
        "Explain",
        "concept",
        "inference",
        10.0,
        (KitPoint("a", 3.0, True), KitPoint("b", 1.0, False)),
        {1: "x", 2: "y", 3: "z", 4: "w"},
        ("a", "b"),
        ("wrong",),
        (("deeper?", ("c",)),),
        "model answer",
    )
    kit = store.add_kit(Kit(0, "Engineer · mid", "engineer", "mid", 45, "big-tech", 9, (q,), NOW))
    assert store.get_kit(kit.id) == kit and store.list_kits() == [kit] and store.get_kit(404) is None
    card = store.add_scorecard(Scorecard(0, kit.id, "Ada", "mid", "live", {}, "", NOW, NOW))
    marked = replace(
        card, marks={0: Mark((0, 1), 4, "good")}, notes="hire", updated_at=NOW + timedelta(minutes=5)
    )
    store.save_scorecard(marked)
    assert store.get_scorecard(card.id) == marked
    assert [c.id for c in store.list_scorecards(kit.id)] == [card.id] and store.list_scorecards(999) == []
