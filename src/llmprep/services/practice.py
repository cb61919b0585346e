"""The practice loop: choose the next question, grade a submitted answer, store it, schedule the review.

Input limits are checked here, before any grading, so a refused answer costs nothing and is never stored
(the edges keep the user's text). Grading itself is delegated to the injected `Grader`.
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from llmprep.domain.grading import Grade, Grader, GradingTask, rating_for_score
from llmprep.domain.practice import Attempt, AttemptId, Dispute, User
from llmprep.domain.questions import Bank, Item
from llmprep.errors import NotFoundError, UserError
from llmprep.services.review import ReviewOutcome, ReviewService
from llmprep.store.base import Store

if TYPE_CHECKING:
    from llmprep.services.grading.judge import LlmJudge

WEAK_SCORE = 5.0  # below this, an answer brings the item's related concepts forward


@dataclass(frozen=True, slots=True)
class Submission:
    """What came back from submitting an answer."""

    attempt: Attempt
    grade: Grade
    review: ReviewOutcome
    item: Item


def check_answer_text(answer: str, max_chars: int) -> str:
    """The answer, stripped, or a UserError saying how to fix it."""
    text = answer.replace("\r\n", "\n").strip()
    if not text:
        raise UserError(
            "Your answer is empty.", "Write your answer (a few sentences is enough) and submit again."
        )
    if len(text) > max_chars:
        raise UserError(
            f"Your answer is {len(text):,} characters; the grader reads at most {max_chars:,}.",
            "Shorten it to the points you would say in an interview (your text is kept) and submit again.",
        )
    return text


class PracticeService:
    """Use cases of practising bank questions."""

    def __init__(
        self,
        bank: Bank,
        store: Store,
        grader: Grader,
        review: ReviewService,
        max_chars: int,
        judge: LlmJudge | None = None,
    ) -> None:
        self.bank = bank
        self.store = store
        self.grader = grader
        self.review = review
        self.max_chars = max_chars
        self.judge = judge

    def _second_opinion(self, task: GradingTask, text: str, grade: Grade) -> Grade:
        """With an LLM judge configured, record its score; a disagreement beyond the margin is flagged and
        shown, never hidden. The rubric's score stands either way (the judge cannot clear its flags)."""
        if self.judge is None:
            return grade
        try:
            report = self.judge.judge(task, text, grade)
        except UserError as exc:
            return replace(
                grade,
                flags=(*grade.flags, "judge-unavailable"),
                feedback=f"{grade.feedback}\n\nLLM judge unavailable: {exc.message}",
            )
        flags = [*grade.flags, f"judge-score:{report.judge_score:.1f}"]
        if report.disagrees:
            flags.append("judge-disagrees")
        return replace(grade, flags=tuple(flags))

    def item(self, item_id: str) -> Item:
        """A servable item or NotFoundError."""
        item = self.bank.get(item_id)
        if item is None or item.draft:
            raise NotFoundError(
                f"No question with id '{item_id}'.",
                "Browse the bank ('llmprep bank list' or the Bank page) for valid ids.",
            )
        return item

    def grade(self, item_id: str, answer: str) -> Grade:
        """Grade without storing anything (for `llmprep grade`)."""
        item = self.item(item_id)
        return self.grader.grade(GradingTask.from_item(item), check_answer_text(answer, self.max_chars))

    def submit(
        self,
        user: User,
        item_id: str,
        answer: str,
        time_taken_s: float = 0.0,
        mode: str = "practice",
        now: datetime | None = None,
    ) -> Submission:
        """Grade an answer, keep the attempt, and turn the score into an FSRS review."""
        item = self.item(item_id)
        text = check_answer_text(answer, self.max_chars)
        now = now or datetime.now(UTC)
        task = GradingTask.from_item(item)
        grade = self._second_opinion(task, text, self.grader.grade(task, text))
        attempt = self.store.add_attempt(
            Attempt(
                id=AttemptId(0),
                user_id=user.id,
                item_id=item.id,
                answer=text,
                time_taken_s=max(0.0, min(float(time_taken_s), 86400.0)),
                score=grade.score,
                verdicts=[asdict(p) | {"evidence": list(p.evidence)} for p in grade.points],
                misconceptions=[asdict(m) for m in grade.misconceptions],
                flags=list(grade.flags),
                feedback=grade.feedback,
                grader_version=grade.grader_version,
                confidence=grade.confidence,
                created_at=now,
                mode=mode,
            )
        )
        if grade.score < WEAK_SCORE:
            self._bring_forward(user, item, now)
        outcome = self.review.rate(
            user.id,
            item.id,
            rating_for_score(grade.score),
            source="graded",
            now=now,
            duration_s=attempt.time_taken_s,
            attempt_id=attempt.id,
        )
        return Submission(attempt, grade, outcome, item)

    def _bring_forward(self, user: User, item: Item, now: datetime) -> None:
        """A weak answer makes the item's related concepts due within a day (the concept graph)."""
        soon = now + timedelta(days=1)
        for rid in item.related:
            card = self.store.get_card(user.id, rid, "question")
            if card is not None and card.due > soon:
                self.store.save_card(replace(card, due=soon))

    def next_item(
        self,
        user: User,
        *,
        topic: str | None = None,
        level: str | None = None,
        now: datetime | None = None,
        seed: int | None = None,
    ) -> Item | None:
        """A due item first (most overdue), else one never attempted, else None."""
        pool: dict[str, Item] = {i.id: i for i in self.bank.filter(topic=topic, level=level)}
        for card in self.review.due(user.id, now, kind="question"):
            if card.item_id in pool:
                return pool[card.item_id]
        seen = {c.item_id for c in self.store.list_cards(user.id)}
        fresh = [i for i in pool.values() if i.id not in seen]
        if not fresh:
            return None
        weak = [a for a in self.store.list_attempts(user.id, limit=20) if a.score < WEAK_SCORE]
        wanted = {r for a in weak if (it := self.bank.get(a.item_id)) is not None for r in it.related}
        preferred = [i for i in fresh if i.id in wanted]
        return random.Random(seed).choice(sorted(preferred or fresh, key=lambda i: i.id))

    def dispute(self, user: User, attempt_id: int, point_index: int, reason: str) -> Dispute:
        """Record that the user disagrees with one verdict of their attempt."""
        attempt = self.store.get_attempt(attempt_id)
        if attempt is None or attempt.user_id != user.id:
            raise NotFoundError(f"No attempt {attempt_id}.", "Dispute a verdict from the attempt's own page.")
        if not 0 <= point_index < len(attempt.verdicts):
            raise UserError(
                f"Key point {point_index} does not exist in attempt {attempt_id}.",
                f"Choose a point between 0 and {len(attempt.verdicts) - 1}.",
            )
        reason = reason.strip()
        if not reason:
            raise UserError(
                "Say why the verdict is wrong.", "Write a sentence quoting the part of your answer."
            )
        dispute = Dispute(attempt.id, point_index, reason[:2000], datetime.now(UTC))
        self.store.add_dispute(dispute)
        return dispute
