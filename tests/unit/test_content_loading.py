"""Loading the bank: valid content loads; every kind of bad content is reported with file, item and field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from llmprep.content.export import item_to_dict
from llmprep.content.loading import load_bank
from llmprep.errors import ContentError
from tests.conftest import FIXTURE_CONTENT, SEEDS


@pytest.fixture
def content(tmp_path: Path) -> Path:
    dest = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, dest)
    return dest


def _problems(content: Path) -> list[str]:
    with pytest.raises(ContentError) as info:
        load_bank(content, SEEDS)
    return info.value.details


def test_load_bank_reads_fixture_items(content: Path) -> None:
    bank = load_bank(content, SEEDS)
    assert set(bank.items) == {"kv-cache", "scaled-dot-product-attention"}
    kv = bank.items["kv-cache"]
    assert kv.key_points[0].weight == 3
    assert kv.key_points[4].term_aliases()[0][:2] == ["GQA", "grouped-query"]
    assert kv.anchors[0][0] == 1


def test_load_bank_reports_file_item_and_field_for_schema_errors(content: Path) -> None:
    path = content / "bank" / "inference" / "kv-cache.yaml"
    path.write_text(path.read_text().replace("difficulty: medium", "difficulty: brutal"))
    problems = _problems(content)
    assert any(str(path) in p and "kv-cache: difficulty:" in p for p in problems), problems


def test_load_bank_reports_invalid_yaml_with_position(content: Path) -> None:
    path = content / "bank" / "inference" / "broken.yaml"
    path.write_text("id: broken\ntitle: [unclosed\n")
    problems = _problems(content)
    assert any("broken.yaml" in p and "invalid YAML at line" in p for p in problems), problems


def test_load_bank_reports_non_utf8_file(content: Path) -> None:
    (content / "bank" / "inference" / "latin1.yaml").write_bytes(b"id: caf\xe9\n")
    assert any("not UTF-8" in p for p in _problems(content))


def test_load_bank_rejects_unknown_fields_duplicates_and_dangling_links(content: Path) -> None:
    src = content / "bank" / "inference" / "kv-cache.yaml"
    text = src.read_text()
    (content / "bank" / "transformers" / "kv-cache.yaml").write_text(text)
    src.write_text(text.replace("related: [scaled-dot-product-attention]", "related: [no-such-item]"))
    (content / "bank" / "inference" / "extra.yaml").write_text(
        text.replace("id: kv-cache", "id: extra").replace("tags:", "colour: blue\ntags:")
    )
    problems = _problems(content)
    assert any("duplicate id" in p for p in problems)
    assert any("'no-such-item' is not an item id" in p for p in problems)
    assert any("colour" in p and "Extra inputs" in p for p in problems)


def test_load_bank_rejects_covers_past_the_seed_list_and_unknown_topic(content: Path) -> None:
    path = content / "bank" / "inference" / "kv-cache.yaml"
    path.write_text(
        path.read_text()
        .replace("covers: [34, 181, 350, 351]", "covers: [100000]")
        .replace("topic: inference", "topic: astrology")
    )
    problems = _problems(content)
    assert any("covers: 100000 is past the last seed" in p for p in problems)
    assert any("unknown topic 'astrology'" in p for p in problems)


def test_file_name_must_match_id(content: Path) -> None:
    path = content / "bank" / "inference" / "kv-cache.yaml"
    path.rename(path.with_name("kv.yaml"))
    assert any("file name must be the id" in p for p in _problems(content))


def test_export_round_trips_every_schema_field(content: Path) -> None:
    from llmprep.content.schema import ItemModel

    bank = load_bank(content, SEEDS)
    for item in bank.items.values():
        data = item_to_dict(item)
        assert set(data) == set(ItemModel.model_fields)
        again = ItemModel.model_validate(data)
        assert again.id == item.id
        assert len(again.key_points) == len(item.key_points)
