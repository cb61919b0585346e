"""Coding challenges and their judgements, as pure data.

A `Challenge` is what a candidate sees (statement, starter code, limits, hints); a `Judgement` is the
outcome of running one submission against one suite ("visible" examples or "hidden" tests): a verdict
and one `TestResult` per test, each carrying the smallest failing input and expected vs got when it
failed. How submissions are run lives in `llmprep.services.challenges`; this module does no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Verdict(StrEnum):
    """The outcome of a whole run, as an online judge names it."""

    ACCEPTED = "accepted"
    WRONG_ANSWER = "wrong_answer"
    RUNTIME_ERROR = "runtime_error"
    TIME_LIMIT = "time_limit"
    MEMORY_LIMIT = "memory_limit"
    OUTPUT_LIMIT = "output_limit"
    COMPILE_ERROR = "compile_error"
    INTERNAL_ERROR = "internal_error"


class TestStatus(StrEnum):
    """The outcome of one test."""

    __test__ = False  # not a pytest class

    PASSED = "passed"
    FAILED = "failed"
    ERROR = "error"
    TIME_LIMIT = "time_limit"
    MEMORY_LIMIT = "memory_limit"
    OUTPUT_LIMIT = "output_limit"
    SKIPPED = "skipped"


STATUS_VERDICT = {
    TestStatus.FAILED: Verdict.WRONG_ANSWER,
    TestStatus.ERROR: Verdict.RUNTIME_ERROR,
    TestStatus.TIME_LIMIT: Verdict.TIME_LIMIT,
    TestStatus.MEMORY_LIMIT: Verdict.MEMORY_LIMIT,
    TestStatus.OUTPUT_LIMIT: Verdict.OUTPUT_LIMIT,
}


@dataclass(frozen=True, slots=True)
class Challenge:
    """One challenge as loaded from `content/challenges/<slug>/`."""

    slug: str
    title: str
    difficulty: str
    topic: str
    statement: str
    starter: str
    tags: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    time_limit_s: float = 10.0
    memory_limit_mb: int = 1024
    complexity: str = ""
    hints: tuple[str, ...] = ()
    related: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TestResult:
    """One test: its name, status, and on failure what went wrong on the smallest failing input."""

    __test__ = False

    name: str
    status: TestStatus
    message: str = ""
    input: str = ""
    expected: str = ""
    got: str = ""
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "name": self.name,
            "status": self.status.value,
            "message": self.message,
            "input": self.input,
            "expected": self.expected,
            "got": self.got,
            "seconds": round(self.seconds, 4),
        }


@dataclass(frozen=True, slots=True)
class Judgement:
    """The verdict on one submission against one suite."""

    slug: str
    suite: str
    verdict: Verdict
    tests: tuple[TestResult, ...] = ()
    output: str = ""
    message: str = ""
    seconds: float = 0.0
    layers: dict[str, str] = field(default_factory=dict)

    @property
    def passed(self) -> int:
        """How many tests passed."""
        return sum(t.status is TestStatus.PASSED for t in self.tests)

    @property
    def is_accepted(self) -> bool:
        """True when every test passed."""
        return self.verdict is Verdict.ACCEPTED

    def first_failure(self) -> TestResult | None:
        """The first test that did not pass (the counter-example to show)."""
        return next((t for t in self.tests if t.status not in (TestStatus.PASSED, TestStatus.SKIPPED)), None)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (per-test results included)."""
        return {
            "slug": self.slug,
            "suite": self.suite,
            "verdict": self.verdict.value,
            "passed": self.passed,
            "total": len(self.tests),
            "message": self.message,
            "seconds": round(self.seconds, 3),
            "tests": [t.to_dict() for t in self.tests],
            "output": self.output,
            "layers": self.layers,
        }


def overall_verdict(tests: list[TestResult] | tuple[TestResult, ...]) -> Verdict:
    """Accepted when every test passed; otherwise the verdict of the first test that did not."""
    for test in tests:
        if test.status in STATUS_VERDICT:
            return STATUS_VERDICT[test.status]
    if not tests or any(t.status is TestStatus.SKIPPED for t in tests):
        return Verdict.INTERNAL_ERROR
    return Verdict.ACCEPTED
