"""`challenge verify` over the real content: every reference accepted, every wrong solution rejected."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from llmprep.backends.sandbox.subprocess import SubprocessSandbox
from llmprep.cli.app import app
from llmprep.domain.challenges import Verdict
from llmprep.services.challenges.catalog import ChallengeCatalog
from llmprep.services.challenges.judge import ChallengeJudge
from llmprep.services.challenges.verify import verify_all

pytestmark = pytest.mark.sandbox
CONTENT = Path(__file__).resolve().parents[2] / "content"


def test_challenge_verify_every_reference_passes_and_every_wrong_solution_fails() -> None:
    judge = ChallengeJudge(ChallengeCatalog(CONTENT / "challenges"), SubprocessSandbox())
    outcomes = verify_all(judge, workers=2)
    bad = [f"{o.slug}/{o.file} ({o.suite}): {o.verdict.value}: {o.detail}" for o in outcomes if not o.ok]
    assert bad == []
    assert len({o.slug for o in outcomes}) >= 30
    assert all(o.verdict is not Verdict.ACCEPTED for o in outcomes if not o.must_pass)


def test_challenge_verify_cli_json_for_one_challenge(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LLMPREP_CONTENT_DIR", str(CONTENT))
    r = CliRunner().invoke(app, ["challenge", "verify", "stable-softmax", "--json"])
    assert r.exit_code == 0, r.output
    report = json.loads(r.stdout)
    assert report["ok"] is True and report["failures"] == 0
    assert {o["file"] for o in report["outcomes"]} >= {"solution.py", "wrong/no_max_subtraction.py"}


def test_challenge_verify_reports_a_broken_test_file_instead_of_crashing(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(CONTENT / "challenges" / "stable-softmax", tmp_path / "stable-softmax")
    (tmp_path / "stable-softmax" / "tests_hidden.py").write_text("raise RuntimeError('broken test file')\n")
    outcomes = verify_all(ChallengeJudge(ChallengeCatalog(tmp_path), SubprocessSandbox()))
    hidden = [o for o in outcomes if o.suite == "hidden"]
    assert hidden and all(o.verdict is Verdict.INTERNAL_ERROR and not o.ok for o in hidden)
    assert "broken test file" in hidden[0].detail
