"""Spaced repetition with the `fsrs` package: turn ratings into new card states and build the due queue.

A graded answer becomes an FSRS rating through `rating_for_score`; flashcard mode lets the user rate
themselves. This module converts between our `ReviewCard` and `fsrs.Card`; it never re-implements the
scheduling maths.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import fsrs

from llmprep.domain.practice import (
    AttemptId,
    CardKind,
    RatingSource,
    ReviewCard,
    ReviewLog,
    UserId,
)
from llmprep.errors import UserError
from llmprep.store.base import Store

RATING_NAMES = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}


def to_fsrs_card(card: ReviewCard) -> fsrs.Card:
    """Our card as an `fsrs.Card` (for scheduling and simulation)."""
    return fsrs.Card(
        state=fsrs.State(card.state),
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=card.due,
        last_review=card.last_review,
    )


@dataclass(frozen=True, slots=True)
class ReviewOutcome:
    """The card after a review, with when it is due next."""

    card: ReviewCard
    rating: int
    interval_days: float


class ReviewService:
    """Schedules reviews for one store with one FSRS scheduler."""

    def __init__(self, store: Store, desired_retention: float = 0.9, *, fuzz: bool = True) -> None:
        self.store = store
        self.scheduler = fsrs.Scheduler(desired_retention=desired_retention, enable_fuzzing=fuzz)

    def rate(
        self,
        user_id: UserId,
        item_id: str,
        rating: int,
        *,
        kind: CardKind = "question",
        source: RatingSource = "self",
        now: datetime | None = None,
        duration_s: float | None = None,
        attempt_id: AttemptId | None = None,
    ) -> ReviewOutcome:
        """Apply a rating (1 Again .. 4 Easy) to the item's card, creating the card on first review."""
        if rating not in RATING_NAMES:
            raise UserError(
                f"Rating {rating} is not valid.", "Use 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy)."
            )
        now = now or datetime.now(UTC)
        old = self.store.get_card(user_id, item_id, kind)
        fcard = to_fsrs_card(old) if old else fsrs.Card(due=now)
        new, _log = self.scheduler.review_card(fcard, fsrs.Rating(rating), review_datetime=now)
        lapses = (old.lapses if old else 0) + (1 if rating == 1 and old and old.state == 2 else 0)
        card = ReviewCard(
            user_id=user_id,
            item_id=item_id,
            kind=kind,
            state=int(new.state),
            step=new.step,
            stability=new.stability,
            difficulty=new.difficulty,
            due=new.due.astimezone(UTC),
            last_review=now,
            reps=(old.reps if old else 0) + 1,
            lapses=lapses,
        )
        self.store.save_card(card)
        self.store.add_review_log(
            ReviewLog(user_id, item_id, kind, rating, now, source, duration_s, attempt_id)
        )
        return ReviewOutcome(card, rating, (card.due - now).total_seconds() / 86400)

    def due(
        self, user_id: UserId, now: datetime | None = None, kind: CardKind | None = None
    ) -> list[ReviewCard]:
        """Cards due at `now`, most overdue first."""
        now = now or datetime.now(UTC)
        return [c for c in self.store.list_cards(user_id, due_before=now) if kind is None or c.kind == kind]

    def retrievability(self, card: ReviewCard, now: datetime | None = None) -> float:
        """Predicted probability of recall now (FSRS forgetting curve)."""
        return float(self.scheduler.get_card_retrievability(to_fsrs_card(card), now or datetime.now(UTC)))

    def preview(self, card: ReviewCard | None, now: datetime | None = None) -> dict[int, float]:
        """Days until due for each possible rating, without saving anything (for the rating buttons)."""
        now = now or datetime.now(UTC)
        base = to_fsrs_card(card) if card else fsrs.Card(due=now)
        out = {}
        for rating in RATING_NAMES:
            new, _ = self.scheduler.review_card(base, fsrs.Rating(rating), review_datetime=now)
            out[rating] = (new.due - now).total_seconds() / 86400
        return out
