"""FSRS scheduling through ReviewService: ratings move due dates the right way; state survives the store."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from llmprep.bootstrap import Services
from llmprep.errors import UserError
from llmprep.services.review import ReviewService

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def test_better_ratings_schedule_later(services: Services) -> None:
    review = ReviewService(services.store, fuzz=False)
    user = services.user
    due = {}
    for rating in (1, 2, 3, 4):
        due[rating] = review.rate(user.id, f"item-{rating}", rating, now=NOW).card.due
    assert due[1] <= due[2] <= due[3] <= due[4]
    assert due[4] - NOW >= timedelta(days=1)


def test_review_counts_reps_and_lapses_and_logs(services: Services) -> None:
    review = ReviewService(services.store, fuzz=False)
    uid = services.user.id
    out = review.rate(uid, "kv-cache", 4, now=NOW)
    out = review.rate(uid, "kv-cache", 1, now=out.card.due)
    assert out.card.reps == 2 and out.card.lapses == 1
    assert [lg.rating for lg in services.store.list_review_logs(uid)] == [4, 1]
    assert 0.0 <= review.retrievability(out.card, out.card.due) <= 1.0


def test_due_queue_orders_most_overdue_first(services: Services) -> None:
    review = ReviewService(services.store, fuzz=False)
    uid = services.user.id
    review.rate(uid, "a", 1, now=NOW - timedelta(days=3))
    review.rate(uid, "b", 1, now=NOW - timedelta(days=5))
    review.rate(uid, "c", 4, now=NOW)
    assert [c.item_id for c in review.due(uid, now=NOW)] == ["b", "a"]


def test_invalid_rating_is_a_user_error(services: Services) -> None:
    with pytest.raises(UserError):
        services.review.rate(services.user.id, "kv-cache", 7)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.integers(1, 4), min_size=1, max_size=8))
def test_any_rating_sequence_keeps_a_valid_card(services: Services, ratings: list[int]) -> None:
    review = ReviewService(services.store, fuzz=False)
    uid = services.user.id
    when = NOW
    item = "prop-" + "".join(map(str, ratings))
    for r in ratings:
        out = review.rate(uid, item, r, now=when)
        assert out.card.due > when and out.card.stability is not None and out.card.stability > 0
        assert 1 <= (out.card.difficulty or 0) <= 10
        when = out.card.due
    assert services.store.get_card(uid, item, "question").reps == len(ratings)  # type: ignore[union-attr]
