"""`llmprep ask`, `llmprep notes add|list|remove` and `llmprep bench retrieval` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from llmprep.cli.app import app
from tests.conftest import FIXTURE_CONTENT

NOTE = "# GQA\n\nGrouped-query attention shares key and value heads, so the GQA cache shrinks.\n"


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("LLMPREP_CONTENT_DIR", str(FIXTURE_CONTENT))
    monkeypatch.setenv("LLMPREP_EMBEDDER", "hashing")
    monkeypatch.setenv("COLUMNS", "200")
    return CliRunner()


def test_notes_add_list_remove_and_ask_with_citations(cli: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "gqa.md").write_text(NOTE, encoding="utf-8")
    r = cli.invoke(app, ["notes", "add", str(tmp_path)])
    assert r.exit_code == 0, r.output
    assert "1 added" in r.stdout
    assert "0 added, 0 updated, 1 unchanged" in cli.invoke(app, ["notes", "add", str(tmp_path)]).stdout
    listed = json.loads(cli.invoke(app, ["notes", "list", "--json"]).stdout)
    assert [Path(n["path"]).name for n in listed["notes"]] == ["gqa.md"]
    r = cli.invoke(app, ["ask", "why does GQA shrink the cache?"])
    assert r.exit_code == 0 and "[1]" in r.stdout and "gqa.md › GQA" in r.stdout
    r = cli.invoke(app, ["ask", "how much memory does the KV cache need?", "--json"])
    answer = json.loads(r.stdout)
    assert answer["supported"] and any(p["location"] == "/q/kv-cache" for p in answer["passages"])
    assert "1 note file" in cli.invoke(app, ["notes", "remove", str(tmp_path / "gqa.md")]).stdout
    assert "No notes yet" in cli.invoke(app, ["notes", "list"]).stdout


def test_ask_says_not_in_your_sources(cli: CliRunner) -> None:
    r = cli.invoke(app, ["ask", "best hydration for pizza dough?"])
    assert r.exit_code == 0 and "Not in your sources" in r.stdout


def test_notes_add_of_a_missing_path_is_a_clean_error(cli: CliRunner, tmp_path: Path) -> None:
    r = cli.invoke(app, ["notes", "add", str(tmp_path / "missing")])
    assert r.exit_code == 1 and "No such file or folder" in r.stderr and "Traceback" not in r.output


def _beir(folder: Path) -> Path:
    (folder / "qrels").mkdir(parents=True)
    docs = {
        "d1": ("KV cache", "The KV cache stores keys and values of past tokens."),
        "d2": ("LoRA", "LoRA trains low-rank adapter matrices on a frozen model."),
        "d3": ("Sampling", "Nucleus sampling keeps tokens up to probability mass p."),
    }
    (folder / "corpus.jsonl").write_text(
        "".join(json.dumps({"_id": k, "title": t, "text": x}) + "\n" for k, (t, x) in docs.items())
    )
    queries = {"q1": "which cache keeps past keys and values?", "q2": "low-rank adapters on frozen weights"}
    (folder / "queries.jsonl").write_text(
        "".join(json.dumps({"_id": k, "text": v}) + "\n" for k, v in queries.items())
    )
    (folder / "qrels" / "test.tsv").write_text("query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td2\t1\n")
    return folder


def test_bench_retrieval_reports_the_metrics_as_json(cli: CliRunner, tmp_path: Path) -> None:
    r = cli.invoke(app, ["bench", "retrieval", "--beir", str(_beir(tmp_path / "beir")), "--json"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert {"ndcg@10", "recall@100", "p50_ms", "p95_ms", "index_s"} <= set(out)
    assert out["ndcg@10"] == 1.0 and out["recall@100"] == 1.0 and out["queries"] == 2 and out["docs"] == 3
    table = cli.invoke(app, ["bench", "retrieval", "--beir", str(tmp_path / "beir"), "--no-rerank"])
    assert table.exit_code == 0 and "ndcg@10" in table.stdout


def test_bench_retrieval_names_the_missing_file(cli: CliRunner, tmp_path: Path) -> None:
    r = cli.invoke(app, ["bench", "retrieval", "--beir", str(tmp_path)])
    assert r.exit_code == 1 and "corpus.jsonl" in r.stderr
