"""The one composition root: builds settings-driven adapters and the services that use them.

Everything heavy (the bank, the embedding model, the database engine) is built lazily on first use, so a
quick command such as `llmprep bank validate` never loads the model or opens the database.
"""

from __future__ import annotations

from functools import cached_property

from sqlalchemy import Engine

from llmprep.backends.embedding.base import Embedder
from llmprep.config import Settings
from llmprep.content.loading import load_bank
from llmprep.domain.grading import Grader
from llmprep.domain.practice import User
from llmprep.domain.questions import Bank
from llmprep.services.practice import PracticeService
from llmprep.services.review import ReviewService
from llmprep.store.base import Store
from llmprep.store.migrating import make_engine, upgrade
from llmprep.store.sql import SqlStore


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
    def review(self) -> ReviewService:
        """FSRS scheduling."""
        return ReviewService(self.store, self.settings.desired_retention)

    @cached_property
    def practice(self) -> PracticeService:
        """The practice loop."""
        return PracticeService(
            self.bank, self.store, self.grader, self.review, self.settings.max_answer_chars
        )

    @cached_property
    def user(self) -> User:
        """The local user of single-user mode."""
        return self.store.ensure_user(self.settings.user)


def build_services(settings: Settings | None = None) -> Services:
    """Build the services for this process from settings (read from the environment when not given)."""
    return Services(settings or Settings())
