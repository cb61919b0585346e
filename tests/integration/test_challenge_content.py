"""The challenge content itself: enough challenges, every field usable, links to the bank valid."""

from __future__ import annotations

from pathlib import Path

import yaml

from llmprep.services.challenges.catalog import ChallengeCatalog

CONTENT = Path(__file__).resolve().parents[2] / "content"


def _bank_ids() -> set[str]:
    ids: set[str] = set()
    for path in (CONTENT / "bank").rglob("*.yaml"):
        data = yaml.load(
            path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        )
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict) and "id" in item:
                ids.add(str(item["id"]))
    return ids


def test_challenge_content_loads_with_statements_hints_and_wrong_solutions() -> None:
    catalog = ChallengeCatalog(CONTENT / "challenges")
    challenges = catalog.challenges
    assert len(challenges) >= 30
    for slug, c in challenges.items():
        assert "## " in c.statement and "NotImplementedError" in c.starter, slug
        assert c.hints and c.complexity, slug
        assert catalog.wrong_solutions(slug), slug


def test_challenge_related_ids_exist_in_the_bank() -> None:
    ids = _bank_ids()
    challenges = ChallengeCatalog(CONTENT / "challenges").challenges
    missing = [(slug, r) for slug, c in challenges.items() for r in c.related if r not in ids]
    assert missing == []
