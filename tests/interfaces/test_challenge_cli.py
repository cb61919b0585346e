"""`llmprep challenge ...` as a user runs it: list, show, start, test, submit, and clean errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from llmprep.cli.app import app

CONTENT = Path(__file__).resolve().parents[2] / "content"
SLUG = "stable-softmax"


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("LLMPREP_CONTENT_DIR", str(CONTENT))
    monkeypatch.setenv("COLUMNS", "200")
    return CliRunner()


def test_challenge_list_and_show(cli: CliRunner) -> None:
    r = cli.invoke(app, ["challenge", "list", "--json"])
    assert r.exit_code == 0
    slugs = {c["slug"] for c in json.loads(r.stdout)}
    assert SLUG in slugs and len(slugs) >= 30
    r = cli.invoke(app, ["challenge", "show", SLUG, "--hints"])
    assert r.exit_code == 0 and "Numerically stable softmax" in r.stdout and "hint 1" in r.stdout


def test_challenge_start_writes_the_starter_and_refuses_to_overwrite(cli: CliRunner, tmp_path: Path) -> None:
    r = cli.invoke(app, ["challenge", "start", SLUG, "--dir", str(tmp_path)])
    assert r.exit_code == 0
    assert "NotImplementedError" in (tmp_path / SLUG / "solution.py").read_text()
    r = cli.invoke(app, ["challenge", "start", SLUG, "--dir", str(tmp_path)])
    assert r.exit_code == 1 and "already exists" in r.stderr and "--force" in r.stderr


@pytest.mark.sandbox
def test_challenge_submit_wrong_solution_shows_a_counter_example(cli: CliRunner) -> None:
    wrong = CONTENT / "challenges" / SLUG / "wrong" / "no_max_subtraction.py"
    r = cli.invoke(app, ["challenge", "submit", SLUG, "--file", str(wrong), "--json"])
    assert r.exit_code == 1
    report = json.loads(r.stdout)
    assert report["verdict"] == "wrong_answer"
    failed = [t for t in report["tests"] if t["status"] == "failed"]
    assert failed and failed[0]["input"] and failed[0]["expected"] and "nan" in failed[0]["got"]


@pytest.mark.sandbox
def test_challenge_test_and_submit_accept_the_reference(cli: CliRunner) -> None:
    solution = CONTENT / "challenges" / SLUG / "solution.py"
    r = cli.invoke(app, ["challenge", "test", SLUG, "--file", str(solution)])
    assert r.exit_code == 0 and "accepted" in r.stdout
    r = cli.invoke(app, ["challenge", "submit", SLUG, "--file", str(solution)])
    assert r.exit_code == 0 and "accepted" in r.stdout


@pytest.mark.sandbox
def test_challenge_starter_code_is_judged_as_a_runtime_error(cli: CliRunner, tmp_path: Path) -> None:
    cli.invoke(app, ["challenge", "start", SLUG, "--dir", str(tmp_path)])
    r = cli.invoke(app, ["challenge", "test", SLUG, "--file", str(tmp_path / SLUG / "solution.py"), "--json"])
    assert r.exit_code == 1 and json.loads(r.stdout)["verdict"] == "runtime_error"


def test_challenge_syntax_error_is_a_compile_error(cli: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "bad.py"
    src.write_text("def softmax(x:\n")
    r = cli.invoke(app, ["challenge", "submit", SLUG, "--file", str(src), "--json"])
    assert r.exit_code == 1 and json.loads(r.stdout)["verdict"] == "compile_error"


@pytest.mark.parametrize(
    ("args", "message", "fix"),
    [
        (["challenge", "show", "nope"], "No challenge 'nope'", "challenge list"),
        (["challenge", "submit", "nope", "--file", "x.py"], "No challenge 'nope'", "challenge list"),
        (["challenge", "submit", SLUG, "--file", "/definitely/missing.py"], "No file at", "--file"),
    ],
)
def test_challenge_bad_input_fails_with_a_fix(
    cli: CliRunner, args: list[str], message: str, fix: str
) -> None:
    r = cli.invoke(app, args)
    assert r.exit_code == 1 and message in r.stderr and fix in r.stderr
    assert "Traceback" not in r.output


def test_challenge_non_utf8_file_fails_with_a_fix(cli: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "latin1.py"
    src.write_bytes("# café\n".encode("latin-1"))
    r = cli.invoke(app, ["challenge", "submit", SLUG, "--file", str(src)])
    assert r.exit_code == 1 and "not UTF-8" in r.stderr and "UTF-8" in r.stderr


def test_challenge_sandbox_reports_every_layer(cli: CliRunner) -> None:
    r = cli.invoke(app, ["challenge", "sandbox", "--json"])
    assert r.exit_code == 0
    layers = json.loads(r.stdout)
    assert {"rlimits", "bubblewrap", "seccomp", "landlock", "no_network"} <= set(layers)
    assert all(set(v) == {"active", "note"} for v in layers.values())
