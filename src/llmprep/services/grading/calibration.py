"""A monotone map from the continuous rubric signal (0-1) to a 0-10 score, fit on development data only.

The map is piecewise linear through knots from isotonic regression (pool-adjacent-violators), stored as a
small JSON file in this package. Monotone by construction, so a better rubric signal never lowers a
score. Fitting happens offline (`benchmarks/fit_calibration.py` on the SAF training split); this module
only fits, saves, loads and applies. It deliberately never looks at held-out data.
"""

from __future__ import annotations

import bisect
import json
from dataclasses import dataclass
from pathlib import Path

PACKAGED = Path(__file__).resolve().parent / "calibration.json"


@dataclass(frozen=True, slots=True)
class Calibration:
    """Knots (x ascending in [0, 1], y non-decreasing in [0, 10]) of a piecewise-linear monotone map."""

    name: str
    xs: tuple[float, ...]
    ys: tuple[float, ...]
    embedder: str = ""

    def apply(self, x: float) -> float:
        """The calibrated 0-10 score for rubric signal `x` (clamped at the ends)."""
        if not self.xs:
            return 10.0 * min(1.0, max(0.0, x))
        if x <= self.xs[0]:
            return self.ys[0]
        if x >= self.xs[-1]:
            return self.ys[-1]
        k = bisect.bisect_right(self.xs, x)
        x0, x1, y0, y1 = self.xs[k - 1], self.xs[k], self.ys[k - 1], self.ys[k]
        return y0 if x1 == x0 else y0 + (y1 - y0) * (x - x0) / (x1 - x0)

    def to_json(self) -> str:
        """The JSON text stored in the package."""
        return json.dumps(
            {"name": self.name, "embedder": self.embedder, "xs": list(self.xs), "ys": list(self.ys)}, indent=1
        )


def load_calibration(path: Path = PACKAGED) -> Calibration | None:
    """The stored calibration, or None when the file is absent."""
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return Calibration(
        str(data["name"]),
        tuple(map(float, data["xs"])),
        tuple(map(float, data["ys"])),
        str(data.get("embedder", "")),
    )


def isotonic_fit(xs: list[float], ys: list[float]) -> tuple[list[float], list[float]]:
    """Pool-adjacent-violators: non-decreasing block means of ys ordered by xs, as (block x, block y)."""
    pairs = sorted(zip(xs, ys, strict=True))
    blocks: list[list[float]] = []  # [sum_x, sum_y, count]
    for x, y in pairs:
        blocks.append([x, y, 1.0])
        while len(blocks) > 1 and blocks[-2][1] / blocks[-2][2] >= blocks[-1][1] / blocks[-1][2]:
            sx, sy, n = blocks.pop()
            blocks[-1][0] += sx
            blocks[-1][1] += sy
            blocks[-1][2] += n
    return [b[0] / b[2] for b in blocks], [b[1] / b[2] for b in blocks]


def fit_calibration(
    name: str, signal: list[float], target: list[float], embedder: str = "", *, bins: int = 30
) -> Calibration:
    """Fit the map from rubric signal to a 0-10 target.

    The signal is first averaged within `bins` equal-count bins (so no knot rests on a handful of answers),
    then made monotone by isotonic regression; the end knots are pinned to signal 0 and 1.
    """
    pairs = sorted(zip(signal, target, strict=True))
    size = max(1, len(pairs) // bins)
    bx, by = [], []
    for start in range(0, len(pairs), size):
        chunk = pairs[start : start + size]
        bx.append(sum(p[0] for p in chunk) / len(chunk))
        by.append(sum(p[1] for p in chunk) / len(chunk))
    kx, ky = isotonic_fit(bx, by)
    xs = [0.0, *kx, 1.0] if kx else [0.0, 1.0]
    ys = [ky[0], *ky, ky[-1]] if ky else [0.0, 10.0]
    return Calibration(
        name, tuple(round(x, 4) for x in xs), tuple(round(min(10.0, max(0.0, y)), 3) for y in ys), embedder
    )
