"""`llmprep stats`: due counts, streak and mastery per topic in the terminal."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Annotated

import typer
from rich.table import Table

from llmprep.cli.context import services_of
from llmprep.cli.output import out
from llmprep.services.progress import progress


def stats(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON")] = False,
) -> None:
    """Show what is due, your streak and mastery per topic."""
    s = services_of(ctx)
    p = progress(s.bank, s.store, s.review, s.user)
    if as_json:
        typer.echo(
            json.dumps(
                {
                    "due_now": p.due_now,
                    "due_today": p.due_today,
                    "streak_days": p.streak_days,
                    "attempts": p.attempts,
                    "items_attempted": p.items_attempted,
                    "items_total": p.items_total,
                    "mean_best": p.mean_best,
                    "topics": [asdict(t) for t in p.topics],
                },
                indent=2,
            )
        )
        return
    out.print(
        f"[bold]Due now[/] {p.due_now} · [bold]due today[/] {p.due_today} · "
        f"[bold]streak[/] {p.streak_days} day(s) · [bold]tried[/] {p.items_attempted}/{p.items_total}"
    )
    table = Table("topic", "tried", "due", "mastery /10", "")
    for t in p.topics:
        bar = "█" * round(t.mean_best * 2) + "·" * (20 - round(t.mean_best * 2))
        table.add_row(t.name, f"{t.attempted}/{t.items}", str(t.due), f"{t.mean_best:.1f}", f"[blue]{bar}[/]")
    out.print(table)
