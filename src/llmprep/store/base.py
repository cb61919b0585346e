"""The `Store` role: everything the services persist about users and their practice.

Implementations must pass tests/conformance/test_store.py. Timestamps go in and come out as aware UTC.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from llmprep.domain.practice import (
    Attempt,
    CardKind,
    Dispute,
    ReviewCard,
    ReviewLog,
    User,
    UserId,
)


class Store(Protocol):
    """Persistence of users, attempts, review cards, review logs and disputes."""

    def ensure_user(self, name: str) -> User:
        """The user with this name, created if absent."""
        ...

    def update_user(
        self,
        user_id: UserId,
        *,
        interview_date: datetime | None,
        target_role: str | None,
        daily_minutes: int | None = None,
    ) -> User:
        """Set the interview date, target role and daily study budget."""
        ...

    def add_attempt(self, attempt: Attempt) -> Attempt:
        """Store an attempt (its id is ignored) and return it with the new id."""
        ...

    def get_attempt(self, attempt_id: int) -> Attempt | None:
        """One attempt, or None."""
        ...

    def list_attempts(self, user_id: UserId, item_id: str | None = None, limit: int = 100) -> list[Attempt]:
        """Newest first."""
        ...

    def get_card(self, user_id: UserId, item_id: str, kind: CardKind) -> ReviewCard | None:
        """The card, or None when the item was never reviewed."""
        ...

    def save_card(self, card: ReviewCard) -> None:
        """Insert or replace the card for (user, item, kind)."""
        ...

    def list_cards(self, user_id: UserId, due_before: datetime | None = None) -> list[ReviewCard]:
        """All cards of a user (only those due before the time, if given), soonest due first."""
        ...

    def add_review_log(self, log: ReviewLog) -> None:
        """Append a review event."""
        ...

    def list_review_logs(self, user_id: UserId, since: datetime | None = None) -> list[ReviewLog]:
        """Oldest first."""
        ...

    def add_dispute(self, dispute: Dispute) -> None:
        """Record a disputed verdict."""
        ...

    def list_disputes(self, attempt_id: int) -> list[Dispute]:
        """Disputes of one attempt, oldest first."""
        ...
