"""The agreement figures shown to users, stored as a small JSON file next to this module.

`llmprep bench grading --publish LABEL` writes `agreement.json` from a benchmark run (Pearson, RMSE, n,
the data set's label, the grader version and the date), and the web app reads it to say how far a score
can be trusted. Keeping the numbers in a generated file means the page can never quote figures that no
run produced. This module only reads and writes that file; it never runs a benchmark itself.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

PUBLISHED = Path(__file__).resolve().parent / "agreement.json"


@dataclass(frozen=True, slots=True)
class PublishedAgreement:
    """Agreement of the grader with human graders on one benchmark split (scores on a 0-5 scale)."""

    dataset: str
    n: int
    pearson: float
    rmse: float
    grader: str
    measured: str
    scale: str = "0-5"


def publish(summary: dict[str, object], dataset: str, path: Path = PUBLISHED) -> PublishedAgreement:
    """Write the figures of a `bench grading` summary to `path` and return them."""
    figures = PublishedAgreement(
        dataset=dataset,
        n=int(str(summary["n"])),
        pearson=round(float(str(summary["pearson"])), 3),
        rmse=round(float(str(summary["rmse"])), 3),
        grader=str(summary.get("grader", "")),
        measured=datetime.now(UTC).date().isoformat(),
    )
    path.write_text(json.dumps(asdict(figures), indent=1) + "\n", encoding="utf-8")
    return figures


def load_published(path: Path = PUBLISHED) -> PublishedAgreement | None:
    """The published figures, or None when no run has published any (or the file is unreadable)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return PublishedAgreement(**raw)
    except (OSError, ValueError, TypeError):
        return None
