"""The interview-date plan: spread new items and FSRS reviews over the days left so that predicted recall
of what the target role is asked is highest on the interview day, within a daily time budget.

How: every servable item gets an importance for the role (its topic's weight for that role, halved when
the item is not tagged for the role's level, raised when it is related to a recent weak answer). The
plan simulates day by day with the FSRS scheduler, assuming each review is rated Good: due reviews come
first, then new items in order of importance until the day's minutes are spent. In the last days, items
whose predicted recall on the interview day would fall below the target get one more review. Items that
never fit are listed as what will not make it. Times per card are estimates (new item 8 min, review 3).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import fsrs

from llmprep.domain.practice import User
from llmprep.domain.questions import Bank, Item
from llmprep.errors import UserError
from llmprep.services.review import to_fsrs_card
from llmprep.store.base import Store

NEW_MINUTES = 8
REVIEW_MINUTES = 3
ROLES = ("intern", "scientist", "engineer")
WEAK_SCORE = 5.0


@dataclass(slots=True)
class PlanDay:
    """What to do on one day."""

    day: date
    reviews: list[str] = field(default_factory=list)
    new: list[str] = field(default_factory=list)

    @property
    def minutes(self) -> int:
        """Estimated minutes of work."""
        return REVIEW_MINUTES * len(self.reviews) + NEW_MINUTES * len(self.new)


@dataclass(slots=True)
class StudyPlan:
    """The whole plan until the interview."""

    role: str
    interview: date
    daily_minutes: int
    days: list[PlanDay]
    not_fitting: list[str]
    predicted_recall: float  # importance-weighted mean recall of role items on the interview day
    items_planned: int


def importance(item: Item, bank: Bank, role: str, boosted: set[str]) -> float:
    """How much an item matters for a role's interview (0 when the role is never asked its topic)."""
    topic = bank.topics.get(item.topic)
    weight = float(topic.weights.get(role, 1)) if topic else 1.0
    if role not in item.levels:
        weight *= 0.5
    if item.id in boosted:
        weight += 2.0
    return weight


def weak_related(bank: Bank, store: Store, user: User, since: datetime) -> set[str]:
    """Items related to answers scored below 5 since `since` (the concept graph brings them forward)."""
    out: set[str] = set()
    for a in store.list_attempts(user.id, limit=500):
        if a.created_at >= since and a.score < WEAK_SCORE and (item := bank.get(a.item_id)) is not None:
            out.update(item.related)
    return out


def build_plan(
    bank: Bank,
    store: Store,
    user: User,
    *,
    role: str,
    interview: date,
    daily_minutes: int,
    now: datetime | None = None,
    desired_retention: float = 0.9,
) -> StudyPlan:
    """Plan from today to the interview day (inclusive of today, exclusive of the interview day)."""
    now = now or datetime.now(UTC)
    if role not in ROLES:
        raise UserError(f"Unknown role '{role}'.", f"Use one of: {', '.join(ROLES)}")
    if interview <= now.date():
        raise UserError("The interview date must be in the future.", "Pick a date from tomorrow on.")
    if not 5 <= daily_minutes <= 600:
        raise UserError(f"{daily_minutes} minutes a day is outside 5-600.", "Give a realistic daily budget.")
    scheduler = fsrs.Scheduler(desired_retention=desired_retention, enable_fuzzing=False)
    boosted = weak_related(bank, store, user, now - timedelta(days=14))
    items: dict[str, Item] = {i.id: i for i in bank.servable()}
    weights = {i: importance(it, bank, role, boosted) for i, it in items.items()}
    cards: dict[str, fsrs.Card] = {
        c.item_id: to_fsrs_card(c)
        for c in store.list_cards(user.id)
        if c.kind == "question" and c.item_id in items
    }
    fresh = sorted((i for i in items if i not in cards and weights[i] > 0), key=lambda i: (-weights[i], i))
    n_days = (interview - now.date()).days
    days: list[PlanDay] = []
    exam = datetime.combine(interview, datetime.min.time(), tzinfo=UTC) + timedelta(hours=9)
    for offset in range(n_days):
        day = now.date() + timedelta(days=offset)
        when = max(now, datetime.combine(day, datetime.min.time(), tzinfo=UTC) + timedelta(hours=18))
        plan_day = PlanDay(day)
        last_days = n_days - offset <= 3
        due = sorted((i for i, c in cards.items() if c.due <= when), key=lambda i: (-weights[i], i))
        if last_days:  # top up what would be forgotten by the interview
            due += [
                i
                for i, c in cards.items()
                if c.due > when
                and i not in due
                and weights[i] >= 2
                and scheduler.get_card_retrievability(c, exam) < desired_retention
            ]
        for item_id in due:
            if plan_day.minutes + REVIEW_MINUTES > daily_minutes:
                break
            cards[item_id], _ = scheduler.review_card(cards[item_id], fsrs.Rating.Good, review_datetime=when)
            plan_day.reviews.append(item_id)
        while fresh and plan_day.minutes + NEW_MINUTES <= daily_minutes and not last_days:
            item_id = fresh.pop(0)
            cards[item_id], _ = scheduler.review_card(
                fsrs.Card(due=when), fsrs.Rating.Good, review_datetime=when
            )
            plan_day.new.append(item_id)
        days.append(plan_day)
    relevant = [i for i in items if weights[i] > 0]
    total = sum(weights[i] for i in relevant) or 1.0
    recall = (
        sum(
            weights[i] * (scheduler.get_card_retrievability(cards[i], exam) if i in cards else 0.0)
            for i in relevant
        )
        / total
    )
    return StudyPlan(
        role, interview, daily_minutes, days, fresh, round(float(recall), 3), sum(len(d.new) for d in days)
    )


def plan_for(bank: Bank, store: Store, user: User, now: datetime | None = None) -> StudyPlan | None:
    """The plan for the user's saved interview settings, or None when none are set."""
    if not (user.interview_date and user.target_role and user.daily_minutes):
        return None
    now = now or datetime.now(UTC)
    if user.interview_date.date() <= now.date():
        return None
    return build_plan(
        bank,
        store,
        user,
        role=user.target_role,
        interview=user.interview_date.date(),
        daily_minutes=user.daily_minutes,
        now=now,
    )


def save_plan_settings(
    bank: Bank,
    store: Store,
    user: User,
    interview: date,
    role: str,
    daily_minutes: int,
    now: datetime | None = None,
) -> StudyPlan:
    """Validate by building the plan, then store the settings; returns the plan."""
    plan = build_plan(bank, store, user, role=role, interview=interview, daily_minutes=daily_minutes, now=now)
    store.update_user(
        user.id,
        interview_date=datetime.combine(interview, datetime.min.time(), tzinfo=UTC),
        target_role=role,
        daily_minutes=daily_minutes,
    )
    return plan
