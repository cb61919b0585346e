"""`challenge verify`: every reference solution must be accepted, every wrong one rejected.

This is what makes the tests trustworthy: a suite that accepts a known-wrong solution (an off-by-one
mask, a missing max-subtraction) is itself wrong, and verify fails.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from llmprep.domain.challenges import Judgement, Verdict
from llmprep.services.challenges.judge import ChallengeJudge, SuiteName


@dataclass(frozen=True, slots=True)
class VerifyOutcome:
    """One solution file run against one suite, and whether that went as it must."""

    slug: str
    file: str
    suite: str
    must_pass: bool
    verdict: Verdict
    detail: str

    @property
    def ok(self) -> bool:
        """Reference accepted, or wrong solution rejected."""
        return (
            self.verdict is Verdict.ACCEPTED
        ) == self.must_pass and self.verdict is not Verdict.INTERNAL_ERROR

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "slug": self.slug,
            "file": self.file,
            "suite": self.suite,
            "must_pass": self.must_pass,
            "verdict": self.verdict.value,
            "ok": self.ok,
            "detail": self.detail,
        }


def _detail(judgement: Judgement) -> str:
    failure = judgement.first_failure()
    if failure is None:
        return judgement.message or f"{judgement.passed}/{len(judgement.tests)} tests passed"
    return f"{failure.name}: {failure.message}"[:300]


def verify_all(
    judge: ChallengeJudge, slugs: list[str] | None = None, workers: int = 2
) -> list[VerifyOutcome]:
    """Run references on both suites and wrong solutions on the hidden suite."""
    catalog = judge.catalog
    jobs: list[tuple[str, str, SuiteName]] = []
    meta: list[tuple[str, str, bool]] = []
    for slug in slugs or list(catalog.challenges):
        reference = catalog.reference(slug)
        for suite in ("visible", "hidden"):
            jobs.append((slug, reference, suite))
            meta.append((slug, "solution.py", True))
        for name, source in catalog.wrong_solutions(slug).items():
            jobs.append((slug, source, "hidden"))
            meta.append((slug, f"wrong/{name}", False))
    judgements = judge.judge_many(jobs, workers=workers)
    return [
        VerifyOutcome(slug, file, j.suite, must_pass, j.verdict, _detail(j))
        for (slug, file, must_pass), j in zip(meta, judgements, strict=True)
    ]
