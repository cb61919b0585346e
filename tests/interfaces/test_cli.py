"""The CLI as a user runs it (Typer's runner): bank commands, grading, the terminal practice loop, stats,
and clean errors (message + fix on stderr, exit 1, no traceback)."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from typer.testing import CliRunner

from llmprep.cli.app import app
from tests.conftest import FIXTURE_CONTENT

GOOD = (
    "The KV cache keeps the keys and values of earlier tokens at every layer so they are not recomputed; "
    "each step only processes the new token. Memory is 2 x layers x KV heads x head dim x tokens x bytes."
)


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("LLMPREP_CONTENT_DIR", str(FIXTURE_CONTENT))
    monkeypatch.setenv("LLMPREP_EMBEDDER", "hashing")
    monkeypatch.setenv("COLUMNS", "200")
    return CliRunner()


def test_bank_validate_list_show_export(cli: CliRunner) -> None:
    r = cli.invoke(app, ["bank", "validate"])
    assert r.exit_code == 0 and "2 items" in r.stdout
    r = cli.invoke(app, ["bank", "list", "--topic", "inference", "--json"])
    assert [i["id"] for i in json.loads(r.stdout)] == ["kv-cache"]
    r = cli.invoke(app, ["bank", "show", "kv-cache"])
    assert r.exit_code == 0 and "Model answer" in r.stdout and "Follow-ups" in r.stdout
    r = cli.invoke(app, ["bank", "export", "--format", "jsonl"])
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert {row["id"] for row in rows} == {"kv-cache", "scaled-dot-product-attention"}
    assert all(row["key_points"] and "followups" in row and "covers" in row for row in rows)


def test_unknown_id_and_topic_fail_with_a_fix(cli: CliRunner) -> None:
    r = cli.invoke(app, ["bank", "show", "nope"])
    assert r.exit_code == 1 and "No item with id 'nope'" in r.stderr and "bank list" in r.stderr
    assert "Traceback" not in r.output
    r = cli.invoke(app, ["bank", "list", "--topic", "astrology"])
    assert r.exit_code == 1 and "Unknown topic" in r.stderr


def test_invalid_content_lists_every_problem(
    cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    (content / "bank" / "inference" / "bad.yaml").write_text("id: bad\ntitle: [oops\n")
    monkeypatch.setenv("LLMPREP_CONTENT_DIR", str(content))
    r = cli.invoke(app, ["bank", "validate"])
    assert r.exit_code == 1 and "bad.yaml" in r.stderr and "invalid YAML" in r.stderr


def test_grade_json_and_table(cli: CliRunner, tmp_path: Path) -> None:
    f = tmp_path / "answer.md"
    f.write_text(GOOD, encoding="utf-8")
    r = cli.invoke(app, ["grade", "--question", "kv-cache", "--answer-file", str(f), "--json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert 0 <= data["score"] <= 10 and len(data["points"]) == 6
    assert {"verdict", "evidence", "text", "weight"} <= set(data["points"][0])
    r = cli.invoke(app, ["grade", "-q", "kv-cache", "-f", str(f)])
    assert r.exit_code == 0 and "Score" in r.stdout


def test_grade_rejects_non_utf8_missing_and_empty_files(cli: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("caf\xe9 au lait".encode("latin-1"))
    r = cli.invoke(app, ["grade", "-q", "kv-cache", "-f", str(bad)])
    assert r.exit_code == 1 and "not UTF-8" in r.stderr and "Save the file as UTF-8" in r.stderr
    r = cli.invoke(app, ["grade", "-q", "kv-cache", "-f", str(tmp_path / "missing.txt")])
    assert r.exit_code == 1 and "No answer file" in r.stderr
    empty = tmp_path / "empty.txt"
    empty.write_text("\n")
    r = cli.invoke(app, ["grade", "-q", "kv-cache", "-f", str(empty)])
    assert r.exit_code == 1 and "empty" in r.stderr


def test_practice_loop_in_the_terminal_stores_the_attempt(cli: CliRunner) -> None:
    r = cli.invoke(app, ["practice", "--question", "kv-cache", "--count", "1"], input=f"{GOOD}\n.\ny\n")
    assert r.exit_code == 0, r.output
    assert "Score" in r.stdout and "Model answer" in r.stdout and "1 question(s) answered" in r.stdout
    r = cli.invoke(app, ["stats", "--json"])
    data = json.loads(r.stdout)
    assert data["attempts"] == 1 and data["items_attempted"] == 1


def test_practice_reprompts_after_an_empty_answer(cli: CliRunner) -> None:
    r = cli.invoke(app, ["practice", "-q", "kv-cache", "--count", "1"], input=f".\n{GOOD}\n.\nn\n")
    assert r.exit_code == 0 and "Your answer is empty" in r.stderr and "Score" in r.stdout


def test_review_flashcards_self_rating(cli: CliRunner) -> None:
    r = cli.invoke(app, ["review"])
    assert "Nothing is due" in r.stdout
    cli.invoke(app, ["practice", "-q", "kv-cache", "--count", "1"], input="I am not sure.\n.\nn\n")
    # a low score schedules the card again within minutes; make it due by rating Again in the past
    from datetime import UTC, datetime, timedelta

    from llmprep.bootstrap import build_services

    s = build_services()
    s.review.rate(s.user.id, "kv-cache", 1, now=datetime.now(UTC) - timedelta(days=1))
    r = cli.invoke(app, ["review"], input="\n9\n3\n")
    assert r.exit_code == 0, r.output
    assert "Type 1, 2, 3 or 4" in r.stderr and "Good: next review" in r.stdout


def test_serve_refuses_a_busy_port(cli: CliRunner) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        r = cli.invoke(app, ["serve", "--port", str(port)])
    assert r.exit_code == 1 and "already in use" in r.stderr and f"--port {port + 1}" in r.stderr
