"""`llmprep bench grading` as a user runs it (hashing embedder: fast, no model)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from llmprep.cli.app import app
from llmprep.cli.bench import read_rows
from llmprep.errors import UserError

REFERENCE = "The KV cache stores keys and values of past tokens. It trades memory for faster decoding."
ROWS = [
    {
        "id": "a",
        "student_answer": "It stores keys and values of past tokens and trades memory for speed.",
        "score": 2,
    },
    {"id": "b", "student_answer": "It stores keys and values of past tokens.", "score": 1},
    {"id": "c", "student_answer": "No idea, sorry.", "score": 0},
    {"id": "d", "student_answer": "Bananas are yellow and grow in warm countries.", "score": 0},
]


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("LLMPREP_EMBEDDER", "hashing")
    monkeypatch.setenv("COLUMNS", "200")
    return CliRunner()


def _write(path: Path, rows: list[dict[str, object]]) -> Path:
    lines = [
        json.dumps({"question": "What is the KV cache?", "reference_answer": REFERENCE, "max_score": 2, **r})
        for r in rows
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_bench_grading_json_reports_every_metric(cli: CliRunner, tmp_path: Path) -> None:
    r = cli.invoke(app, ["bench", "grading", "--data", str(_write(tmp_path / "b.jsonl", ROWS)), "--json"])
    assert r.exit_code == 0, r.output
    result = json.loads(r.stdout)
    assert {"n", "pearson", "spearman", "rmse", "qwk", "p50_ms", "p95_ms"} <= set(result)
    assert result["n"] == 4
    assert result["pearson"] > 0.5


def test_bench_grading_table(cli: CliRunner, tmp_path: Path) -> None:
    r = cli.invoke(app, ["bench", "grading", "--data", str(_write(tmp_path / "b.jsonl", ROWS))])
    assert r.exit_code == 0, r.output
    assert "pearson" in r.stdout and "0-5 scale" in r.stdout


def test_bench_grading_bad_line_names_the_line(cli: CliRunner, tmp_path: Path) -> None:
    path = _write(tmp_path / "b.jsonl", ROWS)
    path.write_text(path.read_text(encoding="utf-8") + '{"question": "q"}\n', encoding="utf-8")
    r = cli.invoke(app, ["bench", "grading", "--data", str(path)])
    assert r.exit_code == 1
    assert "b.jsonl:5" in r.output and "missing field" in r.output


def test_read_rows_keeps_gold_out_of_the_task(tmp_path: Path) -> None:
    row = read_rows(_write(tmp_path / "b.jsonl", ROWS[:1]))[0]
    assert row.score == 2.0
    assert "score" not in repr(row.task).replace("reference_answer", "")


def test_read_rows_missing_file(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="No benchmark file"):
        read_rows(tmp_path / "nope.jsonl")
