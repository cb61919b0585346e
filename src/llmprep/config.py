"""Settings, read once in `bootstrap` from flags, `LLMPREP_*` environment variables, `<home>/config.toml`
and defaults (in that order of precedence). Never instantiated at import time.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from pydantic import Field
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

PACKAGE_ROOT = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE_ROOT.parent.parent


def default_home() -> Path:
    """Where user data lives unless LLMPREP_HOME says otherwise."""
    xdg = os.environ.get("XDG_DATA_HOME")
    return (Path(xdg) if xdg else Path.home() / ".local" / "share") / "llmprep"


def default_content_dir() -> Path:
    """The bundled bank: `content/` of a source checkout, else the copy inside the package."""
    for candidate in (REPO_ROOT / "content", PACKAGE_ROOT / "_content"):
        if (candidate / "taxonomy.yaml").is_file():
            return candidate
    return REPO_ROOT / "content"


def default_seeds_file() -> Path:
    """The seed guides' question list shipped with the bank (items' `covers` index into it)."""
    return default_content_dir() / "seed-questions.json"


class _TomlSource(PydanticBaseSettingsSource):
    """Reads `<home>/config.toml` (keys are field names without the prefix)."""

    def get_field_value(self, field: Any, field_name: str) -> tuple[Any, str, bool]:
        return None, field_name, False

    def __call__(self) -> dict[str, Any]:
        home = Path(os.environ.get("LLMPREP_HOME") or default_home())
        path = home / "config.toml"
        if not path.is_file():
            return {}
        with path.open("rb") as fh:
            return tomllib.load(fh)


class Settings(BaseSettings):
    """Every knob of llmprep; each field is documented because `llmprep doctor` and the docs show them."""

    model_config = SettingsConfigDict(env_prefix="LLMPREP_", extra="ignore")

    home: Path = Field(
        default_factory=default_home, description="Folder for all user data (database, caches)."
    )
    database_url: str = Field(
        default="",
        description="SQLAlchemy URL; empty means SQLite at <home>/llmprep.db. "
        "PostgreSQL: postgresql+psycopg://user:pass@host/db",
    )
    content_dir: Path = Field(default_factory=default_content_dir, description="Folder holding the bank.")
    seeds_file: Path = Field(
        default_factory=default_seeds_file, description="questions.json of the seed guides."
    )
    embedder: str = Field(
        default="minilm", description="Embedding backend: 'minilm' (packaged) or 'hashing'."
    )
    user: str = Field(default="local", description="User name in single-user mode.")
    host: str = Field(default="127.0.0.1", description="Address the web app listens on.")
    port: int = Field(default=8000, description="Port the web app listens on.")
    llm_url: str = Field(
        default="", description="OpenAI-compatible endpoint (optional), e.g. http://127.0.0.1:8080/v1"
    )
    llm_model: str = Field(default="", description="Model name to send to the LLM endpoint.")
    llm_key: str = Field(default="", description="API key for the LLM endpoint (never logged).")
    vector_url: str = Field(
        default="",
        description="Where the tutor keeps vectors: empty means sqlite-vec at <home>/tutor/vectors.sqlite; "
        "a PostgreSQL URL (postgresql+psycopg://...) uses pgvector.",
    )
    tutor_min_support: float | None = Field(
        default=None,
        ge=0,
        le=1,
        description="Tutor refusal threshold: the best passage sentence's cosine to the question below which "
        "the tutor answers 'not in your sources' (empty: 0.45 for minilm, 0.2 for hashing).",
    )
    desired_retention: float = Field(
        default=0.9, ge=0.7, le=0.99, description="FSRS target recall probability."
    )
    max_answer_chars: int = Field(
        default=20000, description="Longest answer graded; longer ones are refused."
    )

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings, env_settings, _TomlSource(settings_cls))

    @property
    def sqlalchemy_url(self) -> str:
        """The database URL actually used."""
        return self.database_url or f"sqlite:///{self.home / 'llmprep.db'}"
