"""Pure domain rules: bank filters, rubric scores, score -> FSRS rating, streaks."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from llmprep.content.loading import load_bank
from llmprep.domain.grading import PointVerdict, rating_for_score, rubric_score
from llmprep.services.progress import streak
from tests.conftest import FIXTURE_CONTENT


def test_bank_filter_combines_filters_and_search() -> None:
    bank = load_bank(FIXTURE_CONTENT)
    assert [i.id for i in bank.filter(topic="inference")] == ["kv-cache"]
    assert [i.id for i in bank.filter(difficulty="easy")] == ["scaled-dot-product-attention"]
    assert [i.id for i in bank.filter(text="SQRT")] == ["scaled-dot-product-attention"]
    assert bank.filter(topic="inference", difficulty="easy") == []


def _v(weight: float, verdict: str) -> PointVerdict:
    return PointVerdict("p", weight, verdict, 0.0)  # type: ignore[arg-type]


def test_rubric_score_weights_partial_as_half() -> None:
    assert rubric_score([_v(3, "covered"), _v(1, "missing")]) == 7.5
    assert rubric_score([_v(2, "partial"), _v(2, "covered")]) == 7.5
    assert rubric_score([]) == 0.0


@given(st.lists(st.tuples(st.floats(0.1, 5), st.sampled_from(["covered", "partial", "missing"])), max_size=8))
def test_rubric_score_is_between_0_and_10(points: list[tuple[float, str]]) -> None:
    assert 0.0 <= rubric_score([_v(w, v) for w, v in points]) <= 10.0


def test_rating_for_score_is_monotone_and_covers_all_ratings() -> None:
    ratings = [rating_for_score(s / 10) for s in range(0, 101)]
    assert ratings == sorted(ratings)
    assert set(ratings) == {1, 2, 3, 4}


def test_streak_counts_consecutive_days_up_to_today_or_yesterday() -> None:
    d = date(2026, 11, 23)
    assert streak({d, date(2026, 11, 22), date(2026, 11, 21), date(2026, 11, 19)}, d) == 3
    assert streak({date(2026, 11, 22)}, d) == 1
    assert streak({date(2026, 11, 20)}, d) == 0
