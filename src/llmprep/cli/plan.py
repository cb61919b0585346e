"""`llmprep plan` and `llmprep readiness`: the interview-date plan and the readiness estimate in a terminal."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date
from typing import Annotated

import typer
from rich.table import Table

from llmprep.cli.context import services_of
from llmprep.cli.output import out
from llmprep.errors import UserError
from llmprep.services.planning import plan_for, save_plan_settings
from llmprep.services.readiness import readiness as estimate_readiness


def plan(
    ctx: typer.Context,
    interview: Annotated[str | None, typer.Option("--date", help="Interview date, YYYY-MM-DD")] = None,
    role: Annotated[str | None, typer.Option(help="intern | scientist | engineer")] = None,
    minutes: Annotated[int | None, typer.Option(help="Minutes a day you can study")] = None,
    days: Annotated[int, typer.Option(help="Days of the plan to print")] = 7,
) -> None:
    """Set your interview date, role and daily minutes, and see the study plan to that day."""
    s = services_of(ctx)
    user = s.user
    if interview or role or minutes:
        try:
            day = (
                date.fromisoformat(interview)
                if interview
                else (user.interview_date.date() if user.interview_date else None)
            )
        except ValueError as exc:
            raise UserError(
                f"'{interview}' is not a date.", "Use YYYY-MM-DD, e.g. --date 2026-12-15"
            ) from exc
        if day is None:
            raise UserError("No interview date yet.", "Pass --date YYYY-MM-DD.")
        save_plan_settings(
            s.bank,
            s.store,
            user,
            day,
            role or user.target_role or "engineer",
            minutes or user.daily_minutes or 45,
        )
        user = s.user
    p = plan_for(s.bank, s.store, user)
    if p is None:
        out.print(
            "No upcoming interview set. Example: [bold]llmprep plan --date 2026-12-15 --role engineer "
            "--minutes 60[/]"
        )
        return
    out.print(
        f"[bold]{len(p.days)} days[/] to your {p.role} interview on {p.interview:%d %b %Y} · "
        f"{p.daily_minutes} min/day · predicted recall on the day [bold]{p.predicted_recall:.0%}[/] · "
        f"{len(p.not_fitting)} questions won't fit"
    )
    titles: dict[str, str] = {i.id: i.title for i in s.bank.items.values()}
    table = Table("day", "reviews", "new questions", "min")
    for d in p.days[:days]:
        table.add_row(
            f"{d.day:%a %d %b}",
            str(len(d.reviews)),
            "\n".join(titles.get(i, i) for i in d.new),
            str(d.minutes),
        )
    out.print(table)


def readiness(
    ctx: typer.Context,
    role: Annotated[str | None, typer.Option(help="intern | scientist | engineer")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON")] = False,
) -> None:
    """Estimate how you would score on a role's interview today, with an 80% interval."""
    s = services_of(ctx)
    user = s.user
    r = estimate_readiness(s.bank, s.store, user, role or user.target_role or "engineer")
    if as_json:
        typer.echo(json.dumps(asdict(r), indent=2))
        return
    out.print(
        f"[bold]{r.role}[/] readiness: [bold]{r.estimate:.1f}/10[/] (80% interval {r.low:.1f}-{r.high:.1f}, "
        f"from {r.attempts_used} graded answers)"
    )
    out.print("Moves it most: " + ", ".join(name for _t, name, _g in r.topics_to_improve))
    if len(r.trend) > 1:
        out.print("Trend: " + "  ".join(f"{d} {v:.1f}" for d, v in r.trend))
