"""Estimation drills: quantities parse with their units, drills are reproducible from their seed, and the
number check distinguishes right, close, wrong, wrong dimension and GB/GiB slips."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from llmprep.domain.estimation import GENERATORS, check_number, make_drill
from llmprep.domain.quantities import format_quantity, parse_quantity


@pytest.mark.parametrize(
    ("text", "value", "dimension"),
    [
        ("12.5 GiB", 12.5 * 2**30, "bytes"),
        ("about 13.4GB", 13.4e9, "bytes"),
        ("1.2 x 10^21 FLOPs", 1.2e21, "flops"),
        ("3e21 flops", 3e21, "flops"),
        ("2,048 tok/s", 2048.0, "tokens_per_s"),
        ("$0.42", 0.42, "usd"),
        ("about 40 days", 40 * 86400.0, "seconds"),
        ("95 GPU-days", 95.0, "gpu_days"),
        ("7 billion", 7e9, None),
    ],
)
def test_parse_quantity(text: str, value: float, dimension: str | None) -> None:
    q = parse_quantity(text)
    assert q is not None and q.dimension == dimension
    assert q.value == pytest.approx(value)


def test_parse_quantity_without_a_number() -> None:
    assert parse_quantity("no idea") is None


@given(st.sampled_from(sorted(GENERATORS)), st.integers(0, 10**6))
def test_drills_are_reproducible_and_positive(kind: str, seed: int) -> None:
    a, b = make_drill(kind, seed), make_drill(kind, seed)
    assert a == b
    assert a.answer > 0
    assert len(a.steps) >= 3
    assert check_number(a, parse_quantity(a.answer_text)).verdict == "right"


def test_check_number_verdicts_and_unit_notes() -> None:
    d = make_drill("kv-cache", 7)  # 32 GiB exactly
    gib = d.answer / 2**30
    assert check_number(d, parse_quantity(f"{gib * 1.2:.2f} GiB")).verdict == "close"
    assert check_number(d, parse_quantity(f"{gib * 3:.2f} GiB")).verdict == "wrong"
    assert check_number(d, parse_quantity("32 days")).verdict == "wrong-dimension"
    slip = check_number(d, parse_quantity(f"{gib:.1f} GB"))  # the GiB number read as GB: 7% low
    assert slip.verdict == "right" and "GiB" in slip.note
    bare = check_number(d, parse_quantity(f"{gib:.0f}"))
    assert bare.verdict == "right" and "unit" in bare.note
    assert check_number(d, None).verdict == "no-number"


def test_format_quantity() -> None:
    assert format_quantity(2**31, "GiB") == "2 GiB"
    assert format_quantity(0.278, "$") == "$0.28"
