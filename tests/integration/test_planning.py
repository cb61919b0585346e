"""Interview-date plan and readiness: budgets respected, importance ordering, review-only final days,
honest 'won't fit', weak answers bring related items forward, readiness moves with graded answers."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from llmprep.bootstrap import Services
from llmprep.errors import UserError
from llmprep.services.planning import build_plan, plan_for, save_plan_settings
from llmprep.services.readiness import readiness
from llmprep.web.app import create_app

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def test_plan_respects_budget_and_ends_with_review_days(services: Services) -> None:
    p = build_plan(
        services.bank,
        services.store,
        services.user,
        role="engineer",
        interview=NOW.date() + timedelta(days=10),
        daily_minutes=20,
        now=NOW,
    )
    assert len(p.days) == 10 and all(d.minutes <= 20 for d in p.days)
    assert p.items_planned == 2 and p.not_fitting == []  # the fixture bank has two items
    assert all(not d.new for d in p.days[-3:])
    assert 0.0 < p.predicted_recall <= 1.0


def test_plan_says_what_will_not_fit(services: Services) -> None:
    p = build_plan(
        services.bank,
        services.store,
        services.user,
        role="engineer",
        interview=NOW.date() + timedelta(days=4),
        daily_minutes=8,
        now=NOW,
    )
    assert p.items_planned == 1 and len(p.not_fitting) == 1


@pytest.mark.parametrize(
    ("role", "interview", "minutes"),
    [
        ("astronaut", date(2027, 1, 1), 30),
        ("engineer", date(2026, 11, 1), 30),
        ("engineer", date(2027, 1, 1), 1),
    ],
)
def test_plan_rejects_bad_settings(services: Services, role: str, interview: date, minutes: int) -> None:
    with pytest.raises(UserError):
        build_plan(
            services.bank,
            services.store,
            services.user,
            role=role,
            interview=interview,
            daily_minutes=minutes,
            now=NOW,
        )


def test_saved_settings_drive_the_plan(services: Services) -> None:
    assert plan_for(services.bank, services.store, services.user) is None
    save_plan_settings(
        services.bank, services.store, services.user, date.today() + timedelta(days=14), "scientist", 30
    )
    user = services.user
    assert user.target_role == "scientist" and user.daily_minutes == 30
    assert plan_for(services.bank, services.store, user) is not None


def test_weak_answer_brings_related_items_forward(services: Services) -> None:
    user = services.user
    services.review.rate(user.id, "scaled-dot-product-attention", 4, now=datetime.now(UTC))
    before = services.store.get_card(user.id, "scaled-dot-product-attention", "question")
    assert before is not None and before.due > datetime.now(UTC) + timedelta(days=2)
    services.practice.submit(user, "kv-cache", "I do not remember much about this cache.")
    after = services.store.get_card(user.id, "scaled-dot-product-attention", "question")
    assert after is not None and after.due <= datetime.now(UTC) + timedelta(days=1, minutes=1)


def test_readiness_rises_with_good_answers_and_has_an_interval(services: Services) -> None:
    user = services.user
    empty = readiness(services.bank, services.store, user, "engineer")
    assert empty.attempts_used == 0 and empty.low <= empty.estimate <= empty.high
    good = (
        "Scores are dot products of queries and keys, divided by the square root of the key dimension so the "
        "variance stays near one and the softmax does not saturate; the softmax weights sum the value vectors. "
        "Queries, keys and values are linear projections, and a causal mask blocks future positions."
    )
    for _ in range(2):
        services.practice.submit(user, "scaled-dot-product-attention", good)
    after = readiness(services.bank, services.store, user, "engineer")
    assert after.attempts_used == 2 and after.estimate > empty.estimate
    assert after.topics_to_improve and after.trend[-1][1] == after.estimate


def test_plan_page_and_api(services: Services) -> None:
    client = TestClient(create_app(services), follow_redirects=False)
    assert "Set your interview date" in client.get("/plan").text
    day = (date.today() + timedelta(days=20)).isoformat()
    r = client.post("/plan", data={"interview_date": day, "role": "engineer", "daily_minutes": "30"})
    assert r.status_code == 303
    page = client.get("/plan").text
    assert "Day by day" in page and "predicted recall" in page
    assert "Interview plan" in client.get("/").text and "Readiness" in client.get("/").text
    bad = client.post(
        "/plan", data={"interview_date": "2001-01-01", "role": "engineer", "daily_minutes": "30"}
    )
    assert bad.status_code == 400 and "future" in bad.text
    api = client.get("/api/plan").json()["plan"]
    assert api["role"] == "engineer" and len(api["days"]) == 20
    assert client.get("/api/readiness", params={"role": "intern"}).json()["readiness"]["role"] == "intern"
