"""Agreement between predicted and gold scores: Pearson, Spearman, RMSE, quadratic weighted kappa, and
latency percentiles. Pure Python, no scipy, so the maths is easy to check by hand in tests.

Undefined correlations (fewer than two items, or a constant series) are reported as 0.0 rather than NaN
so that results always serialise to JSON. This module deliberately knows nothing of grading or files.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Pearson's r; 0.0 when undefined."""
    n = len(xs)
    if n != len(ys):
        raise ValueError("pearson: series differ in length")
    if n < 2:
        return 0.0
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx <= 0 or syy <= 0:
        return 0.0
    return sxy / math.sqrt(sxx * syy)


def ranks(xs: Sequence[float]) -> list[float]:
    """1-based ranks, ties given the mean of the ranks they span."""
    order = sorted(range(len(xs)), key=lambda i: xs[i])
    out = [0.0] * len(xs)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and xs[order[j + 1]] == xs[order[i]]:
            j += 1
        mean_rank = (i + j) / 2 + 1
        for k in range(i, j + 1):
            out[order[k]] = mean_rank
        i = j + 1
    return out


def spearman(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Spearman's rho (Pearson of tie-averaged ranks); 0.0 when undefined."""
    return pearson(ranks(xs), ranks(ys))


def rmse(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Root mean squared difference; 0.0 for empty series."""
    if len(xs) != len(ys):
        raise ValueError("rmse: series differ in length")
    if not xs:
        return 0.0
    return math.sqrt(sum((x - y) ** 2 for x, y in zip(xs, ys, strict=True)) / len(xs))


def quadratic_weighted_kappa(a: Sequence[int], b: Sequence[int], low: int, high: int) -> float:
    """Cohen's kappa with quadratic weights over the integer labels low..high; 0.0 when undefined."""
    if len(a) != len(b):
        raise ValueError("qwk: series differ in length")
    k = high - low + 1
    n = len(a)
    if n == 0 or k < 2:
        return 0.0
    observed = [[0.0] * k for _ in range(k)]
    for x, y in zip(a, b, strict=True):
        observed[min(max(x, low), high) - low][min(max(y, low), high) - low] += 1
    row = [sum(r) for r in observed]
    col = [sum(observed[i][j] for i in range(k)) for j in range(k)]
    num = den = 0.0
    for i in range(k):
        for j in range(k):
            w = (i - j) ** 2 / (k - 1) ** 2
            num += w * observed[i][j]
            den += w * row[i] * col[j] / n
    return 1.0 - num / den if den > 0 else 0.0


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) with linear interpolation between order statistics; 0.0 if empty."""
    if not values:
        return 0.0
    s = sorted(values)
    pos = (len(s) - 1) * q / 100.0
    lo = math.floor(pos)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (pos - lo)


@dataclass(frozen=True, slots=True)
class Agreement:
    """The benchmark's summary: agreement on a 0-5 scale plus warm latency per answer."""

    n: int
    pearson: float
    spearman: float
    rmse: float
    qwk: float
    p50_ms: float
    p95_ms: float

    def as_dict(self) -> dict[str, float | int]:
        """Rounded values for printing or JSON."""
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in asdict(self).items()}


def to_five(score: float, max_score: float) -> float:
    """A score on 0..max_score expressed on the 0-5 scale."""
    return 5.0 * score / max_score if max_score > 0 else 0.0


def round_half_up(x: float, low: int = 0, high: int = 5) -> int:
    """Nearest integer, halves rounded up (2.5 -> 3), clamped to low..high."""
    return min(high, max(low, math.floor(x + 0.5)))


def agreement(predicted: Sequence[float], gold: Sequence[float], latencies_ms: Sequence[float]) -> Agreement:
    """Metrics for predictions and gold already on the 0-5 scale; kappa on both rounded to 0..5."""
    rounded_p = [round_half_up(p) for p in predicted]
    rounded_g = [round_half_up(g) for g in gold]
    return Agreement(
        n=len(gold),
        pearson=pearson(predicted, gold),
        spearman=spearman(predicted, gold),
        rmse=rmse(predicted, gold),
        qwk=quadratic_weighted_kappa(rounded_p, rounded_g, 0, 5),
        p50_ms=percentile(latencies_ms, 50),
        p95_ms=percentile(latencies_ms, 95),
    )
