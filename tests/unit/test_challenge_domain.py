"""Verdicts from per-test results, and challenge content loading errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from llmprep.domain.challenges import TestResult, TestStatus, Verdict, overall_verdict
from llmprep.errors import ContentError, UserError
from llmprep.services.challenges.catalog import ChallengeCatalog, read_submission
from llmprep.services.challenges.checks import Failure, close, equal

P, F, E, T, S = (
    TestStatus.PASSED,
    TestStatus.FAILED,
    TestStatus.ERROR,
    TestStatus.TIME_LIMIT,
    TestStatus.SKIPPED,
)


@pytest.mark.parametrize(
    ("statuses", "verdict"),
    [
        ([P, P], Verdict.ACCEPTED),
        ([P, F, E], Verdict.WRONG_ANSWER),
        ([E, F], Verdict.RUNTIME_ERROR),
        ([P, T, S], Verdict.TIME_LIMIT),
        ([], Verdict.INTERNAL_ERROR),
        ([P, S], Verdict.INTERNAL_ERROR),
    ],
)
def test_challenge_overall_verdict_is_the_first_non_pass(
    statuses: list[TestStatus], verdict: Verdict
) -> None:
    assert overall_verdict([TestResult(str(i), s) for i, s in enumerate(statuses)]) is verdict


def test_challenge_checks_report_expected_and_got() -> None:
    with pytest.raises(Failure) as info:
        close([1.0, float("nan")], [1.0, 2.0], input=[3])
    assert "1 of 2" in info.value.message and "nan" in info.value.got and info.value.input == "[3]"
    with pytest.raises(Failure):
        close([[1.0]], [1.0])
    with pytest.raises(Failure):
        equal([1, 2], [1, 3])


def test_challenge_catalog_lists_every_problem(tmp_path: Path) -> None:
    bad = tmp_path / "Bad_Slug"
    bad.mkdir()
    (bad / "challenge.yaml").write_text("title: x\n")
    with pytest.raises(ContentError) as info:
        _ = ChallengeCatalog(tmp_path).challenges
    text = "\n".join(info.value.details)
    assert "statement.md: missing" in text and "slug must be" in text and "wrong solution" in text


def test_challenge_submission_must_be_utf8(tmp_path: Path) -> None:
    path = tmp_path / "s.py"
    path.write_bytes(b"\xff\xfe")
    with pytest.raises(UserError, match="not UTF-8"):
        read_submission(path)
    with pytest.raises(UserError, match="No file"):
        read_submission(tmp_path / "missing.py")
