"""Benchmark metrics against values worked out by hand (no scipy)."""

from __future__ import annotations

import math

import pytest

from llmprep.services.grading.agreement import (
    agreement,
    pearson,
    percentile,
    quadratic_weighted_kappa,
    ranks,
    rmse,
    round_half_up,
    spearman,
    to_five,
)


def test_pearson_hand_computed() -> None:
    # dx = dy' = (-1.5, -.5, .5, 1.5) vs (-1.5, .5, -.5, 1.5): sxy = 4, sxx = syy = 5
    assert pearson([1, 2, 3, 4], [1, 3, 2, 4]) == pytest.approx(0.8)
    assert pearson([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)


def test_pearson_undefined_is_zero() -> None:
    assert pearson([1, 1, 1], [1, 2, 3]) == 0.0
    assert pearson([1], [2]) == 0.0


def test_ranks_average_ties() -> None:
    assert ranks([10, 20, 20, 30]) == [1.0, 2.5, 2.5, 4.0]


def test_spearman_is_pearson_of_ranks() -> None:
    assert spearman([1, 2, 3, 4], [10, 100, 1000, 10_000]) == pytest.approx(1.0)
    assert spearman([1, 2, 3, 4], [1, 3, 2, 4]) == pytest.approx(0.8)


def test_rmse_hand_computed() -> None:
    assert rmse([1, 2, 3], [1, 2, 5]) == pytest.approx(math.sqrt(4 / 3))
    assert rmse([], []) == 0.0


def test_qwk_perfect_chance_and_reversed() -> None:
    assert quadratic_weighted_kappa([0, 1, 2], [0, 1, 2], 0, 2) == pytest.approx(1.0)
    assert quadratic_weighted_kappa([0, 0, 1, 1], [0, 1, 0, 1], 0, 1) == pytest.approx(0.0)
    assert quadratic_weighted_kappa([0, 1], [1, 0], 0, 1) == pytest.approx(-1.0)


def test_qwk_hand_computed_three_labels() -> None:
    # observed disagreement 0.5, expected 1.375 (weights (i-j)^2/4): 1 - 0.5/1.375
    assert quadratic_weighted_kappa([0, 1, 2, 2], [0, 2, 2, 1], 0, 2) == pytest.approx(1 - 0.5 / 1.375)


def test_percentile_interpolates() -> None:
    assert percentile([4, 1, 3, 2], 50) == pytest.approx(2.5)
    assert percentile([1, 2, 3, 4], 95) == pytest.approx(3.85)
    assert percentile([], 50) == 0.0


def test_round_half_up_and_scale() -> None:
    assert [round_half_up(x) for x in (2.5, 2.49, 7.0, -1.0)] == [3, 2, 5, 0]
    assert to_five(1.25, 2.5) == pytest.approx(2.5)


def test_agreement_summary() -> None:
    result = agreement([0.0, 2.5, 5.0], [0.0, 2.5, 5.0], [10.0, 20.0, 30.0])
    assert result.n == 3
    assert result.pearson == pytest.approx(1.0)
    assert result.rmse == 0.0
    assert result.qwk == pytest.approx(1.0)
    assert result.p50_ms == 20.0
    assert set(result.as_dict()) == {"n", "pearson", "spearman", "rmse", "qwk", "p50_ms", "p95_ms"}
