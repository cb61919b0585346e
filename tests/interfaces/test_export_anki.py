"""`llmprep export anki` writes a deck that Anki's own library imports, with answers and key points."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from llmprep.cli.app import app
from tests.conftest import FIXTURE_CONTENT


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("LLMPREP_CONTENT_DIR", str(FIXTURE_CONTENT))
    return CliRunner()


def _open_in_anki(apkg: Path, tmp_path: Path) -> list[dict[str, str]]:
    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

    tmp_path.mkdir(parents=True, exist_ok=True)
    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        col.import_anki_package(
            ImportAnkiPackageRequest(package_path=str(apkg), options=ImportAnkiPackageOptions())
        )
        return [dict(col.get_note(nid).items()) for nid in col.find_notes("")]
    finally:
        col.close()


def test_export_opens_in_anki_with_every_selected_item(cli: CliRunner, tmp_path: Path) -> None:
    apkg = tmp_path / "deck.apkg"
    r = cli.invoke(app, ["export", "anki", "--out", str(apkg)])
    assert r.exit_code == 0, r.output
    notes = _open_in_anki(apkg, tmp_path)
    assert sorted(n["Id"] for n in notes) == ["kv-cache", "scaled-dot-product-attention"]
    kv = next(n for n in notes if n["Id"] == "kv-cache")
    assert "KV cache" in kv["Question"] and "0.5 MiB per token" in kv["Answer"]
    assert "\\[" in kv["Answer"]  # display math uses Anki's MathJax delimiters
    assert "<ol>" in kv["KeyPoints"]


def test_export_filters_and_is_stable(cli: CliRunner, tmp_path: Path) -> None:
    a, b = tmp_path / "a.apkg", tmp_path / "b.apkg"
    assert cli.invoke(app, ["export", "anki", "--topic", "inference", "--out", str(a)]).exit_code == 0
    assert cli.invoke(app, ["export", "anki", "--topic", "inference", "--out", str(b)]).exit_code == 0
    notes = _open_in_anki(a, tmp_path / "x")
    assert [n["Id"] for n in notes] == ["kv-cache"]


def test_export_errors_say_how_to_fix(cli: CliRunner, tmp_path: Path) -> None:
    r = cli.invoke(app, ["export", "anki", "--out", str(tmp_path / "deck.zip")])
    assert r.exit_code == 1 and ".apkg" in r.stderr
    r = cli.invoke(app, ["export", "anki", "--search", "no such words", "--out", str(tmp_path / "d.apkg")])
    assert r.exit_code == 1 and "No questions match" in r.stderr
