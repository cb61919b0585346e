"""The one composition root: builds settings-driven adapters and the services that use them.

Everything heavy (the bank, the embedding model, the database engine) is built lazily on first use, so a
quick command such as `llmprep bank validate` never loads the model or opens the database.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from llmprep.backends.embedding.base import Embedder
from llmprep.backends.llm.base import ChatModel
from llmprep.backends.vectors.base import VectorIndex
from llmprep.config import Settings
from llmprep.content.loading import load_bank
from llmprep.domain.grading import Grader
from llmprep.domain.practice import User
from llmprep.domain.questions import Bank
from llmprep.services.drills import DrillService
from llmprep.services.practice import PracticeService
from llmprep.services.review import ReviewService
from llmprep.store.base import Store
from llmprep.store.migrating import make_engine, upgrade
from llmprep.store.sql import SqlStore

if TYPE_CHECKING:
    from llmprep.services.challenge_practice import ChallengePracticeService
    from llmprep.services.challenges.catalog import ChallengeCatalog
    from llmprep.services.challenges.judge import ChallengeJudge
    from llmprep.services.grading.judge import LlmJudge
    from llmprep.services.kits import KitService
    from llmprep.services.mocks import MockService
    from llmprep.services.tutor.service import TutorService
    from llmprep.store.interviews import InterviewStore


class Services:
    """Lazily built adapters and use cases for one process."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @cached_property
    def bank(self) -> Bank:
        """The validated bank (raises ContentError listing every problem)."""
        return load_bank(self.settings.content_dir, self.settings.seeds_file)

    @cached_property
    def engine(self) -> Engine:
        """The database engine, migrated to the newest schema."""
        self.settings.home.mkdir(parents=True, exist_ok=True)
        engine = make_engine(self.settings.sqlalchemy_url)
        upgrade(engine)
        return engine

    @cached_property
    def store(self) -> Store:
        """Persistence."""
        return SqlStore(self.engine)

    @cached_property
    def embedder(self) -> Embedder:
        """The configured embedder (the packaged model comes with its persistent cache)."""
        from llmprep.backends.embedding.registry import make_embedder

        return make_embedder(self.settings.embedder, self.settings.home)

    @cached_property
    def grader(self) -> Grader:
        """The rubric grader on the configured embedder."""
        from llmprep.services.grading import RubricGrader

        return RubricGrader(self.embedder)

    @cached_property
    def judge(self) -> LlmJudge | None:
        """The optional LLM judge when LLMPREP_LLM_URL is set, else None (the rubric grades alone)."""
        if self.llm is None:
            return None
        from llmprep.services.grading.judge import LlmJudge

        return LlmJudge(self.llm)

    @cached_property
    def review(self) -> ReviewService:
        """FSRS scheduling."""
        return ReviewService(self.store, self.settings.desired_retention)

    @cached_property
    def practice(self) -> PracticeService:
        """The practice loop."""
        return PracticeService(
            self.bank, self.store, self.grader, self.review, self.settings.max_answer_chars, self.judge
        )

    @cached_property
    def llm(self) -> ChatModel | None:
        """The OpenAI-compatible chat model when LLMPREP_LLM_URL is set, else None (offline)."""
        if not self.settings.llm_url:
            return None
        from llmprep.backends.llm.openai_compat import OpenAICompatChat

        return OpenAICompatChat(self.settings.llm_url, self.settings.llm_model, self.settings.llm_key)

    @cached_property
    def tutor(self) -> TutorService:
        """Cited answers from the bank and the user's notes; answers due for review are withheld."""
        from llmprep.services.tutor.index import TutorIndex
        from llmprep.services.tutor.service import TutorService

        folder = self.settings.home / "tutor"
        vectors: VectorIndex
        if self.settings.vector_url:
            from llmprep.backends.vectors.pgvector import PgVectorIndex

            vectors = PgVectorIndex(
                self.settings.vector_url,
                self.embedder.dim,
                table=f"llmprep_tutor_vectors_{self.embedder.dim}",
            )
        else:
            from llmprep.backends.vectors.sqlite_vec import SqliteVecIndex

            vectors = SqliteVecIndex(
                folder / "vectors.sqlite", self.embedder.dim, table=f"vectors_{self.embedder.dim}"
            )
        cached = self.settings.embedder.strip().lower() != "hashing"  # hashing is cheaper than a cache
        index = TutorIndex(folder / "chunks.sqlite", vectors, self.embedder, embed_sentences=cached)

        def protected() -> dict[str, str]:
            """Items whose answers must stay hidden: those in a running mock, and those due for review."""
            hidden = {c.item_id: "due for review" for c in self.review.due(self.user.id, kind="question")}
            for mock in self.mocks.open_mocks(self.user):
                hidden.update((slot.ref, "in your running mock interview") for slot in mock.slots)
            return hidden

        return TutorService(
            self.bank,
            index,
            self.embedder,
            llm=self.llm,
            protected=protected,
            min_support=self.settings.tutor_min_support,
        )

    @cached_property
    def drills(self) -> DrillService:
        """Estimation drills."""
        return DrillService(self.store, self.grader)

    @cached_property
    def interviews(self) -> InterviewStore:
        """Persistence of mock interviews, kits and scorecards."""
        from llmprep.store.interviews import InterviewStore

        self.engine  # noqa: B018 - migrates the schema first
        return InterviewStore(self.engine)

    @cached_property
    def challenge_catalog(self) -> ChallengeCatalog:
        """The coding challenges under <content>/challenges."""
        from llmprep.services.challenges.catalog import ChallengeCatalog

        return ChallengeCatalog(self.settings.content_dir / "challenges")

    @cached_property
    def challenge_judge(self) -> ChallengeJudge:
        """Judges submissions in the subprocess sandbox (strongest layers this machine allows)."""
        from llmprep.backends.sandbox.subprocess import SubprocessSandbox
        from llmprep.services.challenges.judge import ChallengeJudge

        return ChallengeJudge(self.challenge_catalog, SubprocessSandbox())

    @cached_property
    def mocks(self) -> MockService:
        """Mock interviews (coding challenges are used when content/challenges exists)."""
        from llmprep.services.mocks import MockService

        if not (self.settings.content_dir / "challenges").is_dir():
            return MockService(self.bank, self.interviews, self.practice, self.grader, self.drills)

        def judge(slug: str, source: str) -> tuple[int, int]:
            result = self.challenge_judge.judge(slug, source, "hidden")
            return result.passed, len(result.tests)

        return MockService(
            self.bank,
            self.interviews,
            self.practice,
            self.grader,
            self.drills,
            lambda: self.challenge_catalog.challenges,
            judge,
        )

    @cached_property
    def challenge_practice(self) -> ChallengePracticeService:
        """Coding challenges as practice: judged submissions, FSRS cards, "defend your solution"."""
        from llmprep.services.challenge_practice import ChallengePracticeService

        return ChallengePracticeService(
            self.challenge_catalog,
            self.challenge_judge,
            self.store,
            self.review,
            self.grader,
            self.settings.content_dir / "defend",
        )

    @cached_property
    def kits(self) -> KitService:
        """Interviewer kits and scorecards."""
        from llmprep.services.kits import KitService

        return KitService(self.bank, self.interviews, self.grader, self.drills.kinds())

    @property
    def user(self) -> User:
        """The local user of single-user mode (read fresh: plan settings change)."""
        return self.store.ensure_user(self.settings.user)


def build_services(settings: Settings | None = None) -> Services:
    """Build the services for this process from settings (read from the environment when not given)."""
    return Services(settings or Settings())
