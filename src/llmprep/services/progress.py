"""Progress figures for the dashboard and `llmprep stats`: due counts, streak, mastery per topic.

Mastery of an item is its best score (0-10); a topic's mastery is the mean over the topic's items, with
unattempted items counting as 0, so the chart shows how much of the topic is really learnt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from llmprep.domain.practice import Attempt, TopicMastery, User
from llmprep.domain.questions import Bank
from llmprep.services.review import ReviewService
from llmprep.store.base import Store


@dataclass(slots=True)
class Progress:
    """Everything the dashboard shows."""

    due_now: int
    due_today: int
    reviewed_today: int
    streak_days: int
    attempts: int
    items_attempted: int
    items_total: int
    mean_best: float
    topics: list[TopicMastery] = field(default_factory=list)
    recent: list[Attempt] = field(default_factory=list)


def streak(days: set[date], today: date) -> int:
    """Consecutive days with practice ending today (or yesterday, if today has none yet)."""
    day = today if today in days else today - timedelta(days=1)
    n = 0
    while day in days:
        n += 1
        day -= timedelta(days=1)
    return n


def progress(
    bank: Bank, store: Store, review: ReviewService, user: User, now: datetime | None = None
) -> Progress:
    """Compute the dashboard figures for one user."""
    now = now or datetime.now(UTC)
    end_of_day = datetime.combine(now.date(), datetime.max.time(), tzinfo=UTC)
    cards = store.list_cards(user.id)
    logs = store.list_review_logs(user.id)
    attempts = store.list_attempts(user.id, limit=100000)
    best: dict[str, float] = {}
    for a in attempts:
        best[a.item_id] = max(best.get(a.item_id, 0.0), a.score)
    servable = bank.servable()
    topics: list[TopicMastery] = []
    due_items = {c.item_id for c in cards if c.due <= end_of_day}
    for topic in bank.topics.values():
        ids = [i.id for i in servable if i.topic == topic.id]
        if not ids:
            continue
        tried = [best[i] for i in ids if i in best]
        topics.append(
            TopicMastery(
                topic=topic.id,
                name=topic.name,
                items=len(ids),
                attempted=len(tried),
                mean_best=round(sum(tried) / len(ids), 2),
                due=sum(1 for i in ids if i in due_items),
            )
        )
    servable_ids = {i.id for i in servable}
    scored = [best[i] for i in servable_ids if i in best]
    return Progress(
        due_now=sum(1 for c in cards if c.due <= now),
        due_today=sum(1 for c in cards if c.due <= end_of_day),
        reviewed_today=sum(1 for lg in logs if lg.reviewed_at.date() == now.date()),
        streak_days=streak({lg.reviewed_at.date() for lg in logs}, now.date()),
        attempts=len(attempts),
        items_attempted=len(scored),
        items_total=len(servable_ids),
        mean_best=round(sum(scored) / len(scored), 2) if scored else 0.0,
        topics=topics,
        recent=attempts[:8],
    )
