"""Coding challenges as practice: run and submit code, keep submissions as attempts, schedule passed
challenges with FSRS, and "defend your solution" afterwards.

- A submission (hidden tests) is stored as an `Attempt` (item id `challenge:<slug>`, mode `challenge`,
  score 10 x the share of tests passed, one verdict per test). Runs on the visible examples are not.
- Spaced repetition (card kind "challenge", item id `challenge:<slug>`): an accepted submission creates or
  updates the card, rated Good when no submission failed since the last accepted one (first try) and
  Hard after failed attempts; a failed submission rates the card Again when the card is due and this is
  the first failure since it became due (retrying is not punished twice, and tinkering with a solved
  challenge before it is due is not a lapse). A challenge never passed gets no card until it is.
- After a pass, 2-3 follow-up questions from `content/defend/<slug>.yaml` (complexity, memory, an edge
  case of the candidate's own code) are graded by the rubric grader against their expected points and
  stored as an attempt (item id `defend:<slug>`, mode `challenge-defend`).

Ports come in as arguments: the catalog, a judge, the store, the review service and the grader.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal, Protocol

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from llmprep.domain.challenges import Challenge, Judgement, Verdict
from llmprep.domain.grading import Grade, Grader, GradingTask
from llmprep.domain.practice import Attempt, AttemptId, ReviewCard, User
from llmprep.domain.questions import KeyPoint
from llmprep.errors import ContentError, UserError
from llmprep.services.challenges.catalog import MAX_SOURCE_BYTES, ChallengeCatalog
from llmprep.services.review import ReviewOutcome, ReviewService
from llmprep.store.base import Store

SuiteName = Literal["visible", "hidden"]
ChallengeState = Literal["new", "attempted", "solved"]
MODE = "challenge"
DEFEND_MODE = "challenge-defend"
RATING_GOOD, RATING_HARD, RATING_AGAIN = 3, 2, 1
MAX_DEFENCE_CHARS = 6000


def item_id(slug: str) -> str:
    """The attempt and card id of a challenge."""
    return f"challenge:{slug}"


class JudgePort(Protocol):
    """Judges one submission against one suite (see `llmprep.services.challenges.judge.ChallengeJudge`)."""

    def judge(self, slug: str, source: str, suite: SuiteName = "hidden") -> Judgement:
        """The judgement of `source` on challenge `slug`."""
        ...


class _PointSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=3)
    weight: float = Field(default=1.0, gt=0)
    terms: list[str] = []


class _QuestionSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Literal["complexity", "memory", "edge-case", "design"]
    prompt: str = Field(min_length=10)
    expected_points: list[str | _PointSpec] = Field(min_length=1)


class _DefendSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    questions: list[_QuestionSpec] = Field(min_length=2, max_length=3)


@dataclass(frozen=True, slots=True)
class DefendQuestion:
    """One follow-up question about the candidate's accepted code."""

    kind: str
    prompt: str
    key_points: tuple[KeyPoint, ...]

    def task(self, slug: str, index: int) -> GradingTask:
        """The grading task (the expected points are the key points)."""
        reference = " ".join(p.text.rstrip(".") + "." for p in self.key_points)
        return GradingTask(self.prompt, reference, self.key_points, (), f"defend:{slug}:{index}")


def load_defence(path: Path) -> tuple[DefendQuestion, ...]:
    """Parse `content/defend/<slug>.yaml`; ContentError names the file and the field."""
    try:
        spec = _DefendSpec.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except ValidationError as exc:
        raise ContentError(
            "invalid defend file",
            details=[f"{path}: {'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()],
        ) from exc
    except yaml.YAMLError as exc:
        raise ContentError("invalid defend file", details=[f"{path}: not valid YAML: {exc}"]) from exc
    questions = []
    for q in spec.questions:
        points = tuple(
            KeyPoint(p, 1.0) if isinstance(p, str) else KeyPoint(p.text, p.weight, tuple(p.terms))
            for p in q.expected_points
        )
        questions.append(DefendQuestion(q.kind, q.prompt.strip(), points))
    return tuple(questions)


@dataclass(frozen=True, slots=True)
class ChallengeStatus:
    """Where the user stands on one challenge."""

    challenge: Challenge
    state: ChallengeState
    submissions: int = 0
    best: float = 0.0
    card: ReviewCard | None = None


@dataclass(frozen=True, slots=True)
class SubmissionResult:
    """A judged submission: the judgement, the stored attempt and the card update (if any)."""

    judgement: Judgement
    attempt: Attempt | None
    review: ReviewOutcome | None
    failed_before: int = 0


@dataclass(frozen=True, slots=True)
class DefenceResult:
    """Graded follow-up answers."""

    questions: tuple[DefendQuestion, ...]
    answers: tuple[str, ...]
    grades: tuple[Grade, ...]
    score: float
    attempt: Attempt


def _accepted(attempt: Attempt) -> bool:
    return Verdict.ACCEPTED.value in attempt.flags


def _status(challenge: Challenge, subs: list[Attempt], card: ReviewCard | None) -> ChallengeStatus:
    state: ChallengeState = "solved" if any(map(_accepted, subs)) else ("attempted" if subs else "new")
    return ChallengeStatus(challenge, state, len(subs), max((a.score for a in subs), default=0.0), card)


class ChallengePracticeService:
    """The challenge use cases for one user store."""

    def __init__(
        self,
        catalog: ChallengeCatalog,
        judge: JudgePort,
        store: Store,
        review: ReviewService,
        grader: Grader,
        defend_dir: Path,
    ) -> None:
        self.catalog = catalog
        self.judge = judge
        self.store = store
        self.review = review
        self.grader = grader
        self.defend_dir = defend_dir

    def challenges(self) -> list[Challenge]:
        """Every challenge, by difficulty then title."""
        order = {"easy": 0, "medium": 1, "hard": 2}
        return sorted(self.catalog.challenges.values(), key=lambda c: (order.get(c.difficulty, 3), c.title))

    def get(self, slug: str) -> Challenge:
        """One challenge (NotFoundError when unknown)."""
        return self.catalog.get(slug)

    def submissions(self, user: User, slug: str, limit: int = 100) -> list[Attempt]:
        """The user's submissions to one challenge, newest first."""
        return [
            a for a in self.store.list_attempts(user.id, item_id=item_id(slug), limit=limit) if a.mode == MODE
        ]

    def status(self, user: User, slug: str) -> ChallengeStatus:
        """The user's status on one challenge."""
        card = self.store.get_card(user.id, item_id(slug), "challenge")
        return _status(self.get(slug), self.submissions(user, slug, limit=100000), card)

    def statuses(self, user: User) -> list[ChallengeStatus]:
        """The user's status on every challenge (list order of `challenges`)."""
        by_item: dict[str, list[Attempt]] = {}
        for a in self.store.list_attempts(user.id, limit=100000):
            if a.mode == MODE:
                by_item.setdefault(a.item_id, []).append(a)
        cards = {c.item_id: c for c in self.store.list_cards(user.id) if c.kind == "challenge"}
        return [
            _status(c, by_item.get(item_id(c.slug), []), cards.get(item_id(c.slug)))
            for c in self.challenges()
        ]

    @staticmethod
    def _check_code(code: str) -> None:
        if not code.strip():
            raise UserError(
                "Your code is empty.",
                "Write your solution in the editor (the starter code shows the function to implement).",
            )
        if len(code.encode("utf-8")) > MAX_SOURCE_BYTES:
            raise UserError(
                f"Your code is longer than {MAX_SOURCE_BYTES} bytes.", "Submit only your solution."
            )

    def run(self, slug: str, code: str) -> Judgement:
        """Run `code` on the visible examples (nothing is stored)."""
        self.get(slug)
        self._check_code(code)
        return self.judge.judge(slug, code, "visible")

    def submit(
        self, user: User, slug: str, code: str, time_taken_s: float = 0.0, now: datetime | None = None
    ) -> SubmissionResult:
        """Judge `code` on the hidden tests, store the attempt and update the challenge's card."""
        self.get(slug)
        self._check_code(code)
        judgement = self.judge.judge(slug, code, "hidden")
        if judgement.verdict is Verdict.INTERNAL_ERROR:  # the judge's fault: neither stored nor rated
            return SubmissionResult(judgement, None, None)
        now = now or datetime.now(UTC)
        history = self.submissions(user, slug, limit=1000)
        failed_before = 0
        for a in history:  # newest first: the failures since the last accepted submission
            if _accepted(a):
                break
            failed_before += 1
        total = len(judgement.tests)
        attempt = self.store.add_attempt(
            Attempt(
                id=AttemptId(0),
                user_id=user.id,
                item_id=item_id(slug),
                answer=code,
                time_taken_s=max(0.0, time_taken_s),
                score=round(10.0 * judgement.passed / total, 1) if total else 0.0,
                verdicts=[t.to_dict() for t in judgement.tests],
                misconceptions=[],
                flags=[judgement.verdict.value],
                feedback=f"{judgement.verdict.value}: {judgement.passed}/{total} hidden tests passed"
                + (f" ({judgement.message})" if judgement.message else ""),
                grader_version="judge",
                confidence=1.0,
                created_at=now,
                mode=MODE,
            )
        )
        rating: int | None
        if judgement.is_accepted:
            rating = RATING_GOOD if failed_before == 0 else RATING_HARD
        else:
            card = self.store.get_card(user.id, item_id(slug), "challenge")
            lapse = card is not None and card.due <= now
            if card is not None and lapse:
                lapse = not any(not _accepted(a) and a.created_at >= card.due for a in history)
            rating = RATING_AGAIN if lapse else None
        outcome = None
        if rating is not None:
            outcome = self.review.rate(
                user.id,
                item_id(slug),
                rating,
                kind="challenge",
                source="graded",
                now=now,
                duration_s=time_taken_s or None,
                attempt_id=attempt.id,
            )
        return SubmissionResult(judgement, attempt, outcome, failed_before)

    def defend_questions(self, slug: str) -> tuple[DefendQuestion, ...]:
        """The follow-up questions of a challenge (empty when it has none)."""
        self.get(slug)
        path = self.defend_dir / f"{slug}.yaml"
        return load_defence(path) if path.is_file() else ()

    def accepted_code(self, user: User, slug: str) -> str | None:
        """The user's newest accepted code for the challenge, or None."""
        return next((a.answer for a in self.submissions(user, slug, limit=1000) if _accepted(a)), None)

    def defend(self, user: User, slug: str, answers: list[str], now: datetime | None = None) -> DefenceResult:
        """Grade the answers to the follow-up questions (allowed once the challenge has been passed)."""
        questions = self.defend_questions(slug)
        if not questions:
            raise UserError(f"Challenge '{slug}' has no follow-up questions.", "Pick another challenge.")
        code = self.accepted_code(user, slug)
        if code is None:
            raise UserError(
                "Pass the hidden tests first.",
                "Submit a solution; the follow-up questions are about your accepted code.",
            )
        answers = [(answers[i] if i < len(answers) else "").strip() for i in range(len(questions))]
        if not any(answers):
            raise UserError(
                "Your answers are empty.",
                "Answer at least one question, out loud style: the complexity, the memory, the edge case.",
            )
        if any(len(a) > MAX_DEFENCE_CHARS for a in answers):
            raise UserError(
                f"An answer is longer than {MAX_DEFENCE_CHARS} characters.", "Keep each answer short."
            )
        grades = tuple(
            self.grader.grade(q.task(slug, i), a)
            for i, (q, a) in enumerate(zip(questions, answers, strict=True))
        )
        score = round(sum(g.score for g in grades) / len(grades), 1)
        verdicts: list[dict[str, object]] = [
            asdict(p) | {"evidence": list(p.evidence), "question": i}
            for i, g in enumerate(grades)
            for p in g.points
        ]
        attempt = self.store.add_attempt(
            Attempt(
                id=AttemptId(0),
                user_id=user.id,
                item_id=f"defend:{slug}",
                answer="\n\n".join(
                    f"Q{i + 1}. {q.prompt}\n{a}"
                    for i, (q, a) in enumerate(zip(questions, answers, strict=True))
                ),
                time_taken_s=0.0,
                score=score,
                verdicts=verdicts,
                misconceptions=[],
                flags=sorted({f for g in grades for f in g.flags}),
                feedback=" ".join(g.feedback for g in grades)[:2000],
                grader_version=grades[0].grader_version,
                confidence=min(g.confidence for g in grades),
                created_at=now or datetime.now(UTC),
                mode=DEFEND_MODE,
            )
        )
        return DefenceResult(questions, tuple(answers), grades, score, attempt)


def make_challenge_practice(
    content_dir: Path, store: Store, review: ReviewService, grader: Grader
) -> ChallengePracticeService:
    """The service over `content_dir/challenges` and `content_dir/defend`, judged in the subprocess sandbox."""
    from llmprep.backends.sandbox.subprocess import SubprocessSandbox
    from llmprep.services.challenges.judge import ChallengeJudge

    catalog = ChallengeCatalog(content_dir / "challenges")
    return ChallengePracticeService(
        catalog, ChallengeJudge(catalog, SubprocessSandbox()), store, review, grader, content_dir / "defend"
    )
