"""The one composition root: builds settings-driven adapters and the services that use them.

Everything heavy (the bank, the embedding model, the database engine) is built lazily on first use, so a
quick command such as `llmprep bank validate` never loads the model. Edges call `build_services` once.
"""

from __future__ import annotations

from functools import cached_property

from llmprep.config import Settings
from llmprep.content.loading import load_bank
from llmprep.domain.questions import Bank


class Services:
    """Lazily built adapters and use cases for one process."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @cached_property
    def bank(self) -> Bank:
        """The validated bank (raises ContentError listing every problem)."""
        return load_bank(self.settings.content_dir, self.settings.seeds_file)


def build_services(settings: Settings | None = None) -> Services:
    """Build the services for this process from settings (read from the environment when not given)."""
    return Services(settings or Settings())
