"""Load challenges from `content/challenges/<slug>/`; errors name the file and the field.

A challenge folder holds challenge.yaml (metadata), statement.md, starter.py, solution.py (reference),
wrong/*.py (plausible wrong solutions the hidden tests must reject), tests_visible.py and tests_hidden.py.
Loading reads metadata, statement and starter only; test and solution files are read when needed, so a
challenge's hidden tests are never sent anywhere but the judge.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from llmprep.domain.challenges import Challenge
from llmprep.errors import ContentError, NotFoundError, UserError

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
REQUIRED_FILES = (
    "challenge.yaml",
    "statement.md",
    "starter.py",
    "solution.py",
    "tests_visible.py",
    "tests_hidden.py",
)
MAX_SOURCE_BYTES = 256 * 1024


class ChallengeSpec(BaseModel):
    """The schema of challenge.yaml."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=3)
    difficulty: Literal["easy", "medium", "hard"]
    topic: str
    tags: list[str] = []
    levels: list[Literal["intern", "scientist", "engineer"]] = Field(min_length=1)
    time_limit_s: float = Field(default=10.0, gt=0, le=60)
    memory_limit_mb: int = Field(default=1024, ge=256, le=4096)
    complexity: str = Field(min_length=3)
    hints: list[str] = Field(min_length=1)
    related: list[str] = []


class ChallengeCatalog:
    """Every challenge under one folder, loaded once."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._challenges: dict[str, Challenge] | None = None

    @property
    def challenges(self) -> dict[str, Challenge]:
        """Slug -> challenge, sorted by slug; raises ContentError listing every problem."""
        if self._challenges is None:
            self._challenges = self._load()
        return self._challenges

    def get(self, slug: str) -> Challenge:
        """One challenge; NotFoundError with the list command as the fix."""
        challenge = self.challenges.get(slug)
        if challenge is None:
            raise NotFoundError(f"No challenge '{slug}'.", "Run 'llmprep challenge list' to see the slugs.")
        return challenge

    def folder(self, slug: str) -> Path:
        """The folder of a known challenge."""
        self.get(slug)
        return self.root / slug

    def tests_source(self, slug: str, suite: Literal["visible", "hidden"]) -> str:
        """The source of tests_visible.py or tests_hidden.py."""
        return (self.folder(slug) / f"tests_{suite}.py").read_text(encoding="utf-8")

    def reference(self, slug: str) -> str:
        """The reference solution."""
        return (self.folder(slug) / "solution.py").read_text(encoding="utf-8")

    def wrong_solutions(self, slug: str) -> dict[str, str]:
        """File name -> source of each known-wrong solution."""
        return {
            p.name: p.read_text(encoding="utf-8") for p in sorted((self.folder(slug) / "wrong").glob("*.py"))
        }

    def _load(self) -> dict[str, Challenge]:
        if not self.root.is_dir():
            raise UserError(
                f"No challenges folder at {self.root}.",
                "Set LLMPREP_CONTENT_DIR to a folder with challenges/.",
            )
        found: dict[str, Challenge] = {}
        problems: list[str] = []
        for folder in sorted(
            p for p in self.root.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))
        ):
            try:
                found[folder.name] = load_challenge(folder)
            except ContentError as exc:
                problems.extend(exc.details or [exc.message])
        if problems:
            raise ContentError(
                f"{len(problems)} problem(s) in {self.root}.", "Fix the files listed.", details=problems
            )
        return found


def load_challenge(folder: Path) -> Challenge:
    """Parse and check one challenge folder."""
    problems = [f"{folder / name}: missing" for name in REQUIRED_FILES if not (folder / name).is_file()]
    if not SLUG.match(folder.name):
        problems.append(f"{folder}: slug must be lowercase words joined by '-'")
    if not list((folder / "wrong").glob("*.py")):
        problems.append(f"{folder / 'wrong'}: at least one wrong solution is required")
    if problems:
        raise ContentError("invalid challenge", details=problems)
    meta_path = folder / "challenge.yaml"
    try:
        spec = ChallengeSpec.model_validate(yaml.safe_load(meta_path.read_text(encoding="utf-8")))
    except ValidationError as exc:
        raise ContentError(
            "invalid challenge",
            details=[
                f"{meta_path}: {'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
            ],
        ) from exc
    except yaml.YAMLError as exc:
        raise ContentError("invalid challenge", details=[f"{meta_path}: not valid YAML: {exc}"]) from exc
    return Challenge(
        slug=folder.name,
        title=spec.title,
        difficulty=spec.difficulty,
        topic=spec.topic,
        statement=(folder / "statement.md").read_text(encoding="utf-8"),
        starter=(folder / "starter.py").read_text(encoding="utf-8"),
        tags=tuple(spec.tags),
        levels=tuple(spec.levels),
        time_limit_s=spec.time_limit_s,
        memory_limit_mb=spec.memory_limit_mb,
        complexity=spec.complexity,
        hints=tuple(spec.hints),
        related=tuple(spec.related),
    )


def read_submission(path: Path) -> str:
    """Read a candidate's file: UserError when it is missing, too big or not UTF-8."""
    if not path.is_file():
        raise UserError(
            f"No file at {path}.",
            "Pass the path of your solution with --file, or run 'llmprep challenge start SLUG' to create it.",
        )
    data = path.read_bytes()
    if len(data) > MAX_SOURCE_BYTES:
        raise UserError(
            f"{path} is {len(data)} bytes; the limit is {MAX_SOURCE_BYTES}.",
            "Submit only your solution code.",
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UserError(
            f"{path} is not UTF-8 text (byte {exc.start}).",
            "Save the file as UTF-8 (most editors: 'Save with encoding').",
        ) from exc
