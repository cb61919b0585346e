"""The practice loop through the services: grade, store, schedule; bad input refused and nothing stored."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from llmprep.bootstrap import Services
from llmprep.errors import NotFoundError, UserError

GOOD = (
    "The KV cache keeps the keys and values of every earlier token at every layer, so a decoding step "
    "only projects the new token and attends over the cached keys and values. Its memory is 2 x layers x "
    "KV heads x head dim x tokens x bytes, about 0.5 MiB per token for a 7B fp16 model. Grouped-query "
    "attention shares KV heads and shrinks it; paged attention avoids fragmentation."
)


def test_submit_stores_attempt_with_verdicts_and_schedules_review(services: Services) -> None:
    user = services.user
    sub = services.practice.submit(user, "kv-cache", GOOD, time_taken_s=95)
    assert 0 <= sub.grade.score <= 10
    stored = services.store.get_attempt(sub.attempt.id)
    assert stored is not None and stored.answer == GOOD.strip() and stored.time_taken_s == 95
    assert len(stored.verdicts) == 6 and {"verdict", "evidence", "text"} <= set(stored.verdicts[0])
    assert stored.grader_version == sub.grade.grader_version
    card = services.store.get_card(user.id, "kv-cache", "question")
    assert card is not None and card.due > sub.attempt.created_at
    logs = services.store.list_review_logs(user.id)
    assert logs[-1].source == "graded" and logs[-1].attempt_id == sub.attempt.id


@pytest.mark.parametrize(
    ("answer", "message"), [("", "empty"), ("   \n ", "empty"), ("x" * 100_001, "at most")]
)
def test_submit_refuses_bad_answers_without_storing(services: Services, answer: str, message: str) -> None:
    with pytest.raises(UserError) as info:
        services.practice.submit(services.user, "kv-cache", answer)
    assert message in info.value.message and info.value.hint
    assert services.store.list_attempts(services.user.id) == []


def test_submit_unknown_item_is_not_found(services: Services) -> None:
    with pytest.raises(NotFoundError):
        services.practice.submit(services.user, "no-such-question", "text")


def test_next_item_prefers_due_cards_then_new_items(services: Services) -> None:
    user = services.user
    first = services.practice.next_item(user, seed=1)
    assert first is not None
    services.review.rate(user.id, first.id, 1, now=datetime.now(UTC) - timedelta(days=2))
    assert services.practice.next_item(user) == first  # due again (Again, two days ago)
    other = services.practice.next_item(
        user, topic="inference" if first.topic != "inference" else "transformers"
    )
    assert other is not None and other.id != first.id


def test_dispute_is_stored_and_validated(services: Services) -> None:
    sub = services.practice.submit(services.user, "kv-cache", GOOD)
    services.practice.dispute(services.user, sub.attempt.id, 1, "I did say that")
    assert services.store.list_disputes(sub.attempt.id)[0].point_index == 1
    with pytest.raises(UserError):
        services.practice.dispute(services.user, sub.attempt.id, 99, "x")
    with pytest.raises(UserError):
        services.practice.dispute(services.user, sub.attempt.id, 0, "  ")


class _DisagreeingJudge:
    """A stand-in LLM judge that scores every answer 9.5 (no network)."""

    def judge(self, task, answer, rubric):  # type: ignore[no-untyped-def]
        from llmprep.services.grading.judge import JudgeReport

        return JudgeReport(rubric, rubric.score, 9.5, abs(9.5 - rubric.score) > 2.0, False)


class _BrokenJudge:
    def judge(self, task, answer, rubric):  # type: ignore[no-untyped-def]
        raise UserError("The LLM judge timed out.", "Check LLMPREP_LLM_URL.")


def test_llm_judge_disagreement_is_flagged_and_shown_but_the_rubric_score_stands(services: Services) -> None:
    from fastapi.testclient import TestClient

    from llmprep.web.app import create_app

    services.practice.judge = _DisagreeingJudge()  # type: ignore[assignment]
    sub = services.practice.submit(services.user, "kv-cache", "I am not sure what the cache holds.")
    assert (
        sub.grade.score < 5
        and "judge-disagrees" in sub.attempt.flags
        and "judge-score:9.5" in sub.attempt.flags
    )
    page = TestClient(create_app(services)).get(f"/attempts/{sub.attempt.id}").text
    assert "An LLM judge scored this answer <strong>9.5/10</strong>" in page
    services.practice.judge = _BrokenJudge()  # type: ignore[assignment]
    sub = services.practice.submit(services.user, "kv-cache", GOOD)
    assert "judge-unavailable" in sub.attempt.flags and 0 <= sub.grade.score <= 10
