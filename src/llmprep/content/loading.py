"""Load and validate the bank from YAML files into a domain `Bank`.

Every problem is collected (not just the first) and reported as `file: item: field: message`, so a
maintainer can fix a whole batch in one pass. Cross-item checks (unique ids, `related` resolves, topic in
taxonomy, `covers` in range) run here too. This module does no embedding or grading.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from llmprep.content.schema import ItemModel
from llmprep.domain.questions import (
    Bank,
    Followup,
    Item,
    ItemId,
    KeyPoint,
    Misconception,
    Reference,
    Topic,
)
from llmprep.errors import ContentError


def _read_yaml(path: Path, problems: list[str]) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        problems.append(f"{path}: -: -: not UTF-8 ({exc.reason} at byte {exc.start}); re-save it as UTF-8")
        return None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "unknown position"
        problem = getattr(exc, "problem", None) or str(exc)
        problems.append(f"{path}: -: -: invalid YAML at {where}: {problem}")
        return None


def load_topics(path: Path) -> dict[str, Topic]:
    """Read the taxonomy file."""
    problems: list[str] = []
    data = _read_yaml(path, problems)
    if problems:
        raise ContentError(
            "The taxonomy file is invalid.", "Fix it and run 'llmprep bank validate'.", details=problems
        )
    topics: dict[str, Topic] = {}
    for raw in (data or {}).get("topics", []):
        topics[raw["id"]] = Topic(
            id=raw["id"],
            name=raw["name"],
            summary=raw.get("summary", ""),
            weights={k: int(v) for k, v in (raw.get("weights") or {}).items()},
        )
    return topics


def _to_item(m: ItemModel, source: str) -> Item:
    return Item(
        id=ItemId(m.id),
        title=m.title,
        prompt=m.prompt,
        type=m.type,
        topic=m.topic,
        levels=tuple(m.levels),
        difficulty=m.difficulty,
        answer=m.answer,
        key_points=tuple(KeyPoint(kp.text, kp.weight, tuple(kp.terms)) for kp in m.key_points),
        tags=tuple(m.tags),
        misconceptions=tuple(Misconception(x.belief, x.why_wrong) for x in m.misconceptions),
        followups=tuple(Followup(f.question, tuple(f.expected_points)) for f in m.followups),
        related=tuple(ItemId(r) for r in m.related),
        references=tuple(Reference(r.title, r.url) for r in m.references),
        covers=tuple(m.covers),
        anchors=tuple(sorted(m.anchors.items())),
        draft=m.draft,
        source=source,
    )


def _format_validation(path: Path, item_id: str, exc: ValidationError) -> Iterable[str]:
    for err in exc.errors():
        loc = ".".join(str(p) for p in err["loc"]) or "-"
        yield f"{path}: {item_id}: {loc}: {err['msg']}"


def parse_item_file(path: Path, problems: list[str]) -> Item | None:
    """Parse one item file; append problems instead of raising."""
    data = _read_yaml(path, problems)
    if data is None:
        if not problems or not problems[-1].startswith(str(path)):
            problems.append(f"{path}: -: -: the file is empty; it should hold one item (a YAML mapping)")
        return None
    if not isinstance(data, dict):
        problems.append(
            f"{path}: -: -: expected a YAML mapping with the item's fields, got {type(data).__name__}"
        )
        return None
    item_id = str(data.get("id", path.stem))
    try:
        model = ItemModel.model_validate(data)
    except ValidationError as exc:
        problems.extend(_format_validation(path, item_id, exc))
        return None
    if model.id != path.stem:
        problems.append(f"{path}: {model.id}: id: the file name must be the id ('{model.id}.yaml')")
    return _to_item(model, str(path))


def _cross_checks(items: list[Item], topics: dict[str, Topic], n_seeds: int | None) -> list[str]:
    problems: list[str] = []
    seen: dict[str, str] = {}
    for it in items:
        if it.id in seen:
            problems.append(f"{it.source}: {it.id}: id: duplicate id, also in {seen[it.id]}")
        seen[it.id] = it.source
    for it in items:
        if topics and it.topic not in topics:
            problems.append(
                f"{it.source}: {it.id}: topic: unknown topic '{it.topic}'; "
                f"use one of: {', '.join(sorted(topics))}"
            )
        for r in it.related:
            if r not in seen:
                problems.append(f"{it.source}: {it.id}: related: '{r}' is not an item id")
            if r == it.id:
                problems.append(f"{it.source}: {it.id}: related: an item must not relate to itself")
        if n_seeds is not None:
            for c in it.covers:
                if c >= n_seeds:
                    problems.append(
                        f"{it.source}: {it.id}: covers: {c} is past the last seed question ({n_seeds - 1})"
                    )
    return problems


def load_bank(content_dir: Path, seeds_file: Path | None = None) -> Bank:
    """Load every item under `content_dir/bank` and the taxonomy; raise ContentError listing all problems."""
    if not content_dir.is_dir():
        raise ContentError(
            f"No content directory at {content_dir}.",
            "Set LLMPREP_CONTENT_DIR to the folder that holds taxonomy.yaml and bank/.",
        )
    topics = load_topics(content_dir / "taxonomy.yaml")
    problems: list[str] = []
    items: list[Item] = []
    for path in sorted((content_dir / "bank").rglob("*.yaml")):
        item = parse_item_file(path, problems)
        if item is not None:
            items.append(item)
    n_seeds = None
    if seeds_file is not None and seeds_file.is_file():
        n_seeds = len(json.loads(seeds_file.read_text(encoding="utf-8")))
    problems.extend(_cross_checks(items, topics, n_seeds))
    if problems:
        raise ContentError(
            f"The bank has {len(problems)} problem(s).",
            "Fix each listed field, then run 'llmprep bank validate' again.",
            details=problems,
        )
    return Bank(items={it.id: it for it in items}, topics=topics)
