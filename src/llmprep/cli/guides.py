"""`llmprep bank coverage|import|stats`: how well the bank covers interview guides, drafts for the gaps,
and counts per topic and level. Registered on the `bank` group by the root app."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from llmprep.bootstrap import Services
from llmprep.cli.context import services_of
from llmprep.cli.output import out
from llmprep.domain.questions import LEVELS
from llmprep.errors import UserError
from llmprep.services.coverage import CoverageMatch, match_questions
from llmprep.services.drafting import draft_items
from llmprep.services.guides import extract_questions, read_guide

STATUS_STYLE = {"covered": "green", "weak": "yellow", "missing": "red"}


def _seed_texts(services: Services) -> list[str]:
    path = services.settings.seeds_file
    if not path.is_file():
        return []
    return [str(q["q"]) for q in json.loads(path.read_text(encoding="utf-8"))]


def _match(services: Services, guides: list[Path]) -> list[tuple[Path, list[CoverageMatch]]]:
    if not guides:
        raise UserError("No guide given.", "Pass one or more guide files: llmprep bank coverage guide.md")
    seeds = _seed_texts(services)
    results = []
    for guide in guides:
        questions = extract_questions(read_guide(guide))
        results.append((guide, match_questions(questions, services.bank, services.embedder, seeds)))
    return results


def coverage(
    ctx: typer.Context,
    guides: Annotated[list[Path], typer.Argument(help="Guide files (.txt, .md, .html)")],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object")] = False,
    show: Annotated[str, typer.Option(help="Rows to list: all | weak | missing | none")] = "weak",
) -> None:
    """Extract the questions of interview guides and report which the bank covers."""
    services = services_of(ctx)
    results = _match(services, guides)
    counts = Counter(m.status for _, ms in results for m in ms)
    if as_json:
        typer.echo(
            json.dumps(
                {
                    "questions": sum(counts.values()),
                    "covered": counts["covered"],
                    "weak": counts["weak"],
                    "missing": counts["missing"],
                    "guides": [
                        {
                            "guide": str(g),
                            "matches": [
                                {
                                    "line": m.question.line,
                                    "question": m.question.text,
                                    "status": m.status,
                                    "item": m.item_id,
                                    "score": m.score,
                                    "cosine": m.cosine,
                                    "lexical": m.lexical,
                                }
                                for m in ms
                            ],
                        }
                        for g, ms in results
                    ],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    wanted = {
        "all": {"covered", "weak", "missing"},
        "weak": {"weak", "missing"},
        "missing": {"missing"},
        "none": set(),
    }.get(show)
    if wanted is None:
        raise UserError(f"Unknown --show '{show}'.", "Use all, weak, missing or none.")
    for guide, matches in results:
        c = Counter(m.status for m in matches)
        out.print(
            f"[bold]{guide}[/]: {len(matches)} questions · [green]{c['covered']} covered[/] · "
            f"[yellow]{c['weak']} weak[/] · [red]{c['missing']} missing[/]"
        )
        rows = [m for m in matches if m.status in wanted]
        if rows:
            table = Table("line", "status", "question", "best item", "score")
            for m in rows:
                table.add_row(
                    str(m.question.line),
                    f"[{STATUS_STYLE[m.status]}]{m.status}[/]",
                    m.question.text,
                    m.item_id or "",
                    f"{m.score:.2f}",
                )
            out.print(table)
    out.print(
        f"[bold]Total[/]: {sum(counts.values())} questions · {counts['covered']} covered · "
        f"{counts['weak']} weakly covered · {counts['missing']} missing"
    )


def import_guide(
    ctx: typer.Context,
    guide: Annotated[Path, typer.Argument(help="Guide file (.txt, .md, .html)")],
    include_weak: Annotated[bool, typer.Option(help="Also draft weakly covered questions")] = False,
) -> None:
    """Write draft items for the questions of a guide the bank does not cover."""
    services = services_of(ctx)
    [(_, matches)] = _match(services, [guide])
    todo = [m for m in matches if m.status == "missing" or (include_weak and m.status == "weak")]
    paths = draft_items(todo, services.bank, services.settings.content_dir, guide.name)
    for p in paths:
        out.print(f"[green]draft[/] {p}")
    out.print(f"{len(paths)} draft item(s) written; they are marked draft and never served until completed.")


def stats(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON")] = False,
) -> None:
    """Count items per topic and level, type and difficulty, and the seed questions covered."""
    bank = services_of(ctx).bank
    items = bank.servable()
    per_topic = {t: Counter() for t in bank.topics}  # type: dict[str, Counter[str]]
    for it in items:
        per_topic[it.topic]["items"] += 1
        for lv in it.levels:
            per_topic[it.topic][lv] += 1
    covered = sorted({c for it in items for c in it.covers})
    data = {
        "items": len(items),
        "drafts": len(bank.items) - len(items),
        "seed_questions_covered": len(covered),
        "types": dict(Counter(it.type for it in items)),
        "difficulty": dict(Counter(it.difficulty for it in items)),
        "topics": {t: dict(c) for t, c in per_topic.items()},
    }
    if as_json:
        typer.echo(json.dumps(data, indent=2))
        return
    table = Table(
        "topic", "items", *LEVELS, title=f"{len(items)} items · {len(covered)} seed questions covered"
    )
    for t, c in per_topic.items():
        table.add_row(bank.topics[t].name, str(c["items"]), *(str(c[lv]) for lv in LEVELS))
    out.print(table)
    out.print("types: " + ", ".join(f"{k} {v}" for k, v in sorted(data["types"].items())))  # type: ignore[attr-defined]
    out.print("difficulty: " + ", ".join(f"{k} {v}" for k, v in sorted(data["difficulty"].items())))  # type: ignore[attr-defined]
