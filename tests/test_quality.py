"""Lint and type checks run as part of `uv run pytest`, so the one test command checks everything."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.quality


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_ruff_lint_is_clean() -> None:
    proc = _run("ruff", "check", "src", "tests", "benchmarks")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_mypy_strict_is_clean_on_src() -> None:
    if shutil.which("mypy") is None and _run("mypy", "--version").returncode != 0:
        pytest.skip("mypy missing: uv sync installs it")
    proc = _run("mypy", "--strict", "src/llmprep")
    assert proc.returncode == 0, proc.stdout[-5000:] + proc.stderr


def test_nothing_imports_the_edges() -> None:
    """House rule: cli/ and web/ are edges; no other package imports them."""
    offenders = []
    for path in (ROOT / "src" / "llmprep").rglob("*.py"):
        rel = path.relative_to(ROOT / "src" / "llmprep")
        if rel.parts[0] in ("cli", "web") or rel.name == "__main__.py":
            continue
        text = path.read_text(encoding="utf-8")
        if "llmprep.cli" in text or "llmprep.web" in text:
            offenders.append(str(rel))
    assert offenders == []


def test_domain_is_pure() -> None:
    """The domain imports only the standard library and llmprep.domain / llmprep.errors."""
    banned = ("sqlalchemy", "fastapi", "typer", "rich", "httpx", "numpy", "yaml", "pydantic", "fsrs")
    for path in (ROOT / "src" / "llmprep" / "domain").glob("*.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith(("import ", "from ")):
                assert not any(f" {b}" in line or f" {b}." in line for b in banned), f"{path.name}: {line}"
