"""The challenge practice service with a scripted judge (no sandbox): attempts, FSRS ratings per round,
and the gate on "defend your solution"."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from llmprep.bootstrap import Services
from llmprep.domain.challenges import Judgement, TestResult, TestStatus, Verdict
from llmprep.errors import UserError
from llmprep.services.challenge_practice import ChallengePracticeService, SuiteName
from llmprep.services.challenges.catalog import ChallengeCatalog

CONTENT = Path(__file__).resolve().parents[2] / "content"
SLUG = "stable-softmax"


class ScriptedJudge:
    """Returns the next verdict of a script."""

    def __init__(self) -> None:
        self.next: list[Verdict] = []

    def judge(self, slug: str, source: str, suite: SuiteName = "hidden") -> Judgement:
        verdict = self.next.pop(0)
        ok = verdict is Verdict.ACCEPTED
        tests = (
            TestResult("a", TestStatus.PASSED),
            TestResult("b", TestStatus.PASSED if ok else TestStatus.FAILED),
        )
        return Judgement(slug, suite, verdict, tests)


@pytest.fixture
def judge() -> ScriptedJudge:
    return ScriptedJudge()


@pytest.fixture
def cp(services: Services, judge: ScriptedJudge) -> ChallengePracticeService:
    return ChallengePracticeService(
        ChallengeCatalog(CONTENT / "challenges"),
        judge,
        services.store,
        services.review,
        services.grader,
        CONTENT / "defend",
    )


def _ratings(services: Services) -> list[int]:
    return [
        log.rating for log in services.store.list_review_logs(services.user.id) if log.kind == "challenge"
    ]


def test_first_try_accept_is_good_and_a_failed_review_is_again(
    cp: ChallengePracticeService, judge: ScriptedJudge, services: Services
) -> None:
    user = services.user
    t0 = datetime(2026, 1, 1, tzinfo=UTC)
    judge.next = [Verdict.ACCEPTED]
    first = cp.submit(user, SLUG, "code", now=t0)
    assert first.review is not None and first.review.rating == 3 and first.failed_before == 0
    assert first.attempt is not None and first.attempt.score == 10.0 and first.attempt.mode == "challenge"
    # Tinkering before the card is due is not a lapse.
    judge.next = [Verdict.WRONG_ANSWER]
    early = cp.submit(user, SLUG, "code", now=t0 + timedelta(seconds=10))
    assert early.review is None and early.attempt is not None and early.attempt.score == 5.0
    # Once due: the first failure rates Again, the next one does not; the pass after failures rates Hard.
    later = t0 + timedelta(days=60)
    judge.next = [Verdict.WRONG_ANSWER, Verdict.RUNTIME_ERROR, Verdict.ACCEPTED]
    again = cp.submit(user, SLUG, "code", now=later)
    assert again.review is not None and again.review.rating == 1
    assert cp.submit(user, SLUG, "code", now=later + timedelta(seconds=5)).review is None
    final = cp.submit(user, SLUG, "code", now=later + timedelta(seconds=10))
    assert final.review is not None and final.review.rating == 2 and final.failed_before == 3
    judge.next = [Verdict.WRONG_ANSWER]
    lapse = cp.submit(user, SLUG, "code", now=later + timedelta(days=90))
    assert lapse.review is not None and lapse.review.rating == 1
    assert _ratings(services) == [3, 1, 2, 1]
    assert cp.status(user, SLUG).state == "solved"


def test_failures_before_the_first_pass_make_it_hard_and_create_no_card_until_then(
    cp: ChallengePracticeService, judge: ScriptedJudge, services: Services
) -> None:
    user = services.user
    judge.next = [Verdict.WRONG_ANSWER, Verdict.COMPILE_ERROR]
    cp.submit(user, SLUG, "code")
    cp.submit(user, SLUG, "code")
    assert services.store.get_card(user.id, f"challenge:{SLUG}", "challenge") is None
    assert cp.status(user, SLUG).state == "attempted"
    judge.next = [Verdict.INTERNAL_ERROR]  # the judge's fault: neither stored nor rated
    assert cp.submit(user, SLUG, "code").attempt is None
    judge.next = [Verdict.ACCEPTED]
    sub = cp.submit(user, SLUG, "code")
    assert sub.review is not None and sub.review.rating == 2
    assert len(cp.submissions(user, SLUG)) == 3


def test_defend_requires_a_pass_and_grades_each_question(
    cp: ChallengePracticeService, judge: ScriptedJudge, services: Services
) -> None:
    user = services.user
    with pytest.raises(UserError, match="Pass the hidden tests first"):
        cp.defend(user, SLUG, ["linear"])
    judge.next = [Verdict.ACCEPTED]
    cp.submit(user, SLUG, "my accepted code")
    assert cp.accepted_code(user, SLUG) == "my accepted code"
    with pytest.raises(UserError, match="empty"):
        cp.defend(user, SLUG, ["", "  "])
    result = cp.defend(user, SLUG, ["It runs in linear time with one pass for the max and one for the sum."])
    assert len(result.grades) == len(result.questions) == 3
    assert result.answers[1:] == ("", "") and result.grades[1].score == 0.0
    assert result.attempt.item_id == f"defend:{SLUG}" and result.attempt.mode == "challenge-defend"
    assert sum(len(g.points) for g in result.grades) == len(result.attempt.verdicts)
