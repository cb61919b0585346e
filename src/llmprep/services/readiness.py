"""Readiness per role: how the candidate would likely score on that role's interview today, with an 80%
interval, its trend, and the topics that would move it most.

Model: an interview draws 8 questions with probability proportional to each item's importance for the
role (see `planning.importance`). An attempted item is expected to score its latest grade scaled by
memory, `score x (0.5 + 0.5 x R)` with R the FSRS recall probability now (rebuilt by replaying the
review log, so past dates are scored with what was known then). An unattempted item is expected to
score 60% of the candidate's mean in its topic, or 40% of their overall mean, or 2/10 with no history.
Per-question noise is the spread of the candidate's own scores (2.5 without history). 2,000 simulated
interviews give the estimate and the interval. It is a model of the bank and the grader, not of any
company's bar, and says so in the UI.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import fsrs
import numpy as np

from llmprep.domain.practice import Attempt, ReviewLog, User
from llmprep.domain.questions import Bank
from llmprep.services.planning import ROLES, importance
from llmprep.store.base import Store

QUESTIONS_PER_INTERVIEW = 8
SIMULATIONS = 2000


@dataclass(slots=True)
class Readiness:
    """Readiness of one candidate for one role at one time."""

    role: str
    estimate: float
    low: float
    high: float
    attempts_used: int
    topics_to_improve: list[tuple[str, str, float]] = field(default_factory=list)
    trend: list[tuple[str, float]] = field(default_factory=list)


def _recall_at(logs: list[ReviewLog], when: datetime, scheduler: fsrs.Scheduler) -> dict[str, float]:
    """Recall probability per item at `when`, replaying the review log up to then."""
    cards: dict[str, fsrs.Card] = {}
    for log in logs:
        if log.reviewed_at > when or log.kind != "question":
            continue
        card = cards.get(log.item_id) or fsrs.Card(due=log.reviewed_at)
        cards[log.item_id], _ = scheduler.review_card(
            card, fsrs.Rating(log.rating), review_datetime=log.reviewed_at
        )
    return {i: float(scheduler.get_card_retrievability(c, when)) for i, c in cards.items()}


def _expected_scores(bank: Bank, attempts: list[Attempt], recall: dict[str, float]) -> dict[str, float]:
    latest: dict[str, float] = {}
    for a in sorted(attempts, key=lambda a: a.created_at):
        latest[a.item_id] = a.score
    known = {i: s * (0.5 + 0.5 * recall.get(i, 1.0)) for i, s in latest.items() if bank.get(i) is not None}
    by_topic: dict[str, list[float]] = {}
    for i, e in known.items():
        by_topic.setdefault(bank.items[i].topic, []).append(e)  # type: ignore[index]
    overall = float(np.mean(list(known.values()))) if known else None
    out: dict[str, float] = {}
    for item in bank.servable():
        if item.id in known:
            out[item.id] = known[item.id]
        elif item.topic in by_topic:
            out[item.id] = 0.6 * float(np.mean(by_topic[item.topic]))
        elif overall is not None:
            out[item.id] = 0.4 * overall
        else:
            out[item.id] = 2.0
    return out


def _simulate(weights: np.ndarray, expected: np.ndarray, sd: float, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    p = weights / weights.sum()
    picks = rng.choice(len(p), size=(SIMULATIONS, QUESTIONS_PER_INTERVIEW), p=p)
    scores = np.clip(expected[picks] + rng.normal(0, sd, picks.shape), 0, 10)
    return scores.mean(axis=1)  # type: ignore[no-any-return]


def readiness(
    bank: Bank, store: Store, user: User, role: str, now: datetime | None = None, trend_weeks: int = 6
) -> Readiness:
    """Readiness for `role` now, with a weekly trend over the past weeks."""
    now = now or datetime.now(UTC)
    role = role if role in ROLES else "engineer"
    scheduler = fsrs.Scheduler(enable_fuzzing=False)
    attempts = [a for a in store.list_attempts(user.id, limit=100000) if a.mode != "drill"]
    logs = store.list_review_logs(user.id)
    items = bank.servable()
    weights = np.asarray([importance(i, bank, role, set()) for i in items], dtype=float)
    sd = float(np.std([a.score for a in attempts])) if len(attempts) >= 3 else 2.5

    def at(when: datetime) -> tuple[np.ndarray, dict[str, float], int]:
        past = [a for a in attempts if a.created_at <= when]
        expected = _expected_scores(bank, past, _recall_at(logs, when, scheduler))
        sims = _simulate(weights, np.asarray([expected[i.id] for i in items]), max(sd, 1.0), seed=len(past))
        return sims, expected, len(past)

    sims, expected, used = at(now)
    total = weights.sum()
    gains: dict[str, float] = {}
    for item, w in zip(items, weights, strict=True):
        gains[item.topic] = gains.get(item.topic, 0.0) + w * max(0.0, 8.0 - expected[item.id]) / total
    top = sorted(gains.items(), key=lambda kv: -kv[1])[:3]
    trend = []
    for weeks in range(trend_weeks, 0, -1):
        when = now - timedelta(weeks=weeks)
        if when >= user.created_at - timedelta(days=1) and any(a.created_at <= when for a in attempts):
            trend.append((when.date().isoformat(), round(float(at(when)[0].mean()), 2)))
    trend.append((now.date().isoformat(), round(float(sims.mean()), 2)))
    return Readiness(
        role=role,
        estimate=round(float(sims.mean()), 2),
        low=round(float(np.percentile(sims, 10)), 2),
        high=round(float(np.percentile(sims, 90)), 2),
        attempts_used=used,
        topics_to_improve=[(t, bank.topics[t].name, round(float(g), 2)) for t, g in top if t in bank.topics],
        trend=trend,
    )
