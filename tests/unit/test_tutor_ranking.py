"""Reciprocal rank fusion, retrieval metrics and the parsing of grounded LLM replies."""

from __future__ import annotations

import math

import pytest

from llmprep.services.tutor.answers import Passage, citations_in, is_refusal_reply
from llmprep.services.tutor.evaluation import ndcg_at, percentile, recall_at
from llmprep.services.tutor.retrieval import RRF_K, rrf


def test_rrf_sums_reciprocal_ranks_over_lists() -> None:
    fused = dict(rrf([[1, 2, 3], [3, 1]]))
    assert fused[1] == pytest.approx(1 / (RRF_K + 1) + 1 / (RRF_K + 2))
    assert fused[3] == pytest.approx(1 / (RRF_K + 3) + 1 / (RRF_K + 1))
    assert fused[2] == pytest.approx(1 / (RRF_K + 2))


def test_rrf_ranks_documents_found_by_both_lists_first() -> None:
    assert [d for d, _ in rrf([[10, 20, 30], [30, 40, 10]])][:2] == [10, 30]


def test_rrf_of_nothing_is_empty() -> None:
    assert rrf([]) == [] and rrf([[], []]) == []


def test_ndcg_is_one_for_the_ideal_ranking_and_discounts_by_log_rank() -> None:
    assert ndcg_at(["a", "b"], {"a": 1}, 10) == 1.0
    assert ndcg_at(["x", "a"], {"a": 1}, 10) == pytest.approx(1 / math.log2(3))
    assert ndcg_at(["x"] * 10 + ["a"], {"a": 1}, 10) == 0.0


def test_ndcg_uses_graded_gains() -> None:
    assert ndcg_at(["b", "a"], {"a": 2, "b": 1}, 10) < ndcg_at(["a", "b"], {"a": 2, "b": 1}, 10) == 1.0


def test_recall_counts_relevant_documents_in_the_cutoff() -> None:
    assert recall_at(["a", "x", "b"], {"a": 1, "b": 1, "c": 1}, 2) == pytest.approx(1 / 3)
    assert recall_at(["a", "x", "b"], {"a": 1, "b": 1, "c": 0}, 100) == 1.0


def test_percentile_interpolates() -> None:
    assert percentile([1, 2, 3, 4], 50) == 2.5 and percentile([5], 95) == 5 and percentile([], 50) == 0.0


def _passage(n: int) -> Passage:
    return Passage(
        n, f"bank:i{n}", "bank", f"T{n}", f"/q/i{n}", f"i{n}", "Answer", "text", (("text", False),), 1.0, 0.9
    )


def test_citations_in_keeps_valid_numbers_in_first_use_order() -> None:
    passages = [_passage(1), _passage(2)]
    assert citations_in("GQA shares heads [2]. It saves memory [1][2]. See [7].", passages) == [2, 1]


def test_a_reply_refuses_with_the_marker_or_without_citations() -> None:
    passages = [_passage(1)]
    assert is_refusal_reply("NOT_IN_SOURCES", passages)
    assert is_refusal_reply("Paris is the capital.", passages)
    assert not is_refusal_reply("It shares key heads [1].", passages)
