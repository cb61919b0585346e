"""`bank coverage` on real guides: the five seed guides are fully covered; paraphrased questions about
bank topics are found; unrelated questions are reported missing; HTML guides work; `bank import`
drafts the gaps, and drafts are never served."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from llmprep.cli.app import app
from llmprep.services.guides import extract_questions, html_to_text, read_guide
from tests.conftest import BANK_CONTENT, ROOT

pytestmark = pytest.mark.slow
SEED_GUIDES = sorted((ROOT.parent / "shared" / "seeds").glob("0*.txt"))
GUIDES = Path(__file__).resolve().parent.parent / "fixtures" / "guides"


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("LLMPREP_CONTENT_DIR", str(BANK_CONTENT))
    return CliRunner()


def _coverage(cli: CliRunner, *paths: Path) -> dict[str, object]:
    r = cli.invoke(app, ["bank", "coverage", *map(str, paths), "--json"])
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)  # type: ignore[no-any-return]


@pytest.mark.skipif(not SEED_GUIDES, reason="../shared/seeds is not beside the checkout")
def test_seed_guides_are_all_covered(cli: CliRunner) -> None:
    data = _coverage(cli, *SEED_GUIDES)
    assert data["questions"] == 511
    assert (data["covered"], data["weak"], data["missing"]) == (511, 0, 0)


def test_paraphrased_questions_are_found_and_unrelated_ones_are_missing(cli: CliRunner) -> None:
    data = _coverage(cli, GUIDES / "paraphrased.md", GUIDES / "unrelated.txt")
    para, unrelated = (g["matches"] for g in data["guides"])  # type: ignore[index]
    assert len(para) == 12 and len(unrelated) == 6
    assert sum(m["status"] == "covered" for m in para) >= 10, para
    assert all(m["status"] != "missing" for m in para)
    assert all(m["status"] == "missing" for m in unrelated), unrelated


def test_html_guides_are_read() -> None:
    text = html_to_text(
        "<html><body><h2>Q&amp;A</h2><ul><li>What is a KV cache?</li>"
        "<li>Explain beam search</li></ul><script>var q='What?'</script></body></html>"
    )
    assert [q.text for q in extract_questions(text)] == ["What is a KV cache?", "Explain beam search"]
    assert len(extract_questions(read_guide(GUIDES / "paraphrased.html"))) == 3


def test_import_writes_drafts_that_are_never_served(
    cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = tmp_path / "content"
    shutil.copytree(BANK_CONTENT, content)
    monkeypatch.setenv("LLMPREP_CONTENT_DIR", str(content))
    r = cli.invoke(app, ["bank", "import", str(GUIDES / "unrelated.txt")])
    assert r.exit_code == 0, r.output
    assert "6 draft item(s) written" in r.stdout
    r = cli.invoke(app, ["bank", "validate"])
    assert r.exit_code == 0 and "6 drafts" in r.stdout
    r = cli.invoke(app, ["bank", "list", "--search", "sourdough", "--json"])
    assert json.loads(r.stdout) == []  # drafts are not served
    data = _coverage(cli, GUIDES / "unrelated.txt")
    assert data["missing"] == 6  # and never count as coverage
