"""`llmprep mock start|resume|report`: a timed mock interview in the terminal.

Answers end with a line holding only '.', or Ctrl+D; Ctrl+D with no answer pauses the mock (its state is
in the database), and `llmprep mock resume ID` continues it. Type '/skip' to skip a question or move on
from follow-ups, '/finish' to end early.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markdown import Markdown
from rich.table import Table

from llmprep.bootstrap import Services
from llmprep.cli.context import services_of
from llmprep.cli.output import err, out
from llmprep.cli.practice import read_multiline
from llmprep.domain.mocks import MockSpec
from llmprep.errors import UserError
from llmprep.services.exports import as_markdown, as_pdf
from llmprep.services.mock_report import report_document

app = typer.Typer(help="Timed mock interviews with follow-ups, and their reports.", no_args_is_help=True)


def _clock(seconds: float) -> str:
    s = max(0, int(seconds))
    return f"{s // 60}:{s % 60:02d}"


def _run(services: Services, mock_id: int) -> None:
    user = services.user
    services.mocks.resume(user, mock_id)
    while True:
        view = services.mocks.view(user, mock_id)
        if view.prompt is None:
            break
        p = view.prompt
        label = (
            f"follow-up {p.depth}" if p.is_followup else f"question {view.mock.current + 1} of {view.total}"
        )
        out.rule(f"[bold]{p.title}[/] · {label} · {_clock(view.remaining_s)} left")
        out.print(Markdown(p.text))
        text = read_multiline("Your answer (end with '.' on its own line; Ctrl+D pauses; /skip, /finish):")
        if text is None:
            services.mocks.pause(user, mock_id)
            out.print(f"[yellow]Paused.[/] Continue with: llmprep mock resume {mock_id}")
            return
        command = text.strip()
        if command == "/finish":
            services.mocks.finish(user, mock_id)
            break
        if command == "/skip":
            services.mocks.skip(user, mock_id)
            continue
        try:
            view = services.mocks.answer(user, mock_id, text)
        except UserError as exc:
            err.print(f"[red]{exc.message}[/] {exc.hint}")
            continue
        out.print(f"[dim]{view.last_note}[/]")
    _print_report(services, mock_id)


def _print_report(services: Services, mock_id: int) -> None:
    r = services.mocks.report(services.user, mock_id)
    out.rule(f"[bold]Report of mock #{mock_id}[/]: {r['overall']:.1f}/10")
    table = Table("#", "question", "topic", "score", "follow-ups", "time")
    for q in r["questions"]:
        table.add_row(
            str(q["index"] + 1),
            q["title"],
            q["topic"],
            f"{q['score']:.1f}",
            f"{q['depth']}/{len(q['followups'])} of {q['ladder']}",
            _clock(q["time_s"]),
        )
    out.print(table)
    for title, rows in (("Strengths", r["strengths"]), ("Gaps", r["gaps"])):
        out.print(f"[bold]{title}:[/] " + ("; ".join(rows) or "none"))
    out.print("[bold]Study plan:[/]")
    for p in r["study_plan"]:
        out.print(
            f"  - {p['title']}"
            + (f" [dim](/q/{p['item_id']})[/]" if p["item_id"] else "")
            + f": {p['reason']}"
        )


@app.command()
def start(
    ctx: typer.Context,
    role: Annotated[str, typer.Option(help="intern | scientist | engineer")] = "engineer",
    minutes: Annotated[int, typer.Option(help="Length, 15-90")] = 30,
    profile: Annotated[
        str, typer.Option(help="frontier-lab | big-tech | ai-startup | applied-enterprise")
    ] = "big-tech",
    topic: Annotated[list[str] | None, typer.Option(help="Only this topic (repeatable)")] = None,
    seed: Annotated[int, typer.Option(help="Same seed and settings, same questions (0 = random)")] = 0,
) -> None:
    """Start a mock interview and run it here."""
    services = services_of(ctx)
    mock = services.mocks.start(services.user, MockSpec(role, minutes, profile, tuple(topic or ()), seed))
    out.print(
        f"[bold]Mock #{mock.id}[/]: {len(mock.slots)} questions in {minutes} minutes. The clock is running."
    )
    _run(services, mock.id)


@app.command()
def resume(
    ctx: typer.Context,
    mock_id: Annotated[int | None, typer.Argument(help="Mock id (default: latest open)")] = None,
) -> None:
    """Continue a paused or unfinished mock."""
    services = services_of(ctx)
    if mock_id is None:
        open_mocks = services.mocks.open_mocks(services.user)
        if not open_mocks:
            raise UserError("No unfinished mock.", "Start one with 'llmprep mock start'.")
        mock_id = open_mocks[0].id
    _run(services, mock_id)


@app.command()
def report(
    ctx: typer.Context,
    mock_id: Annotated[int | None, typer.Argument(help="Mock id (default: list past reports)")] = None,
    fmt: Annotated[str, typer.Option("--format", help="text | md | pdf")] = "text",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (md/pdf)")] = None,
) -> None:
    """Show a report, export it (Markdown or PDF), or list past reports with their trend."""
    services = services_of(ctx)
    if mock_id is None:
        table = Table("mock", "date", "role", "minutes", "overall", "change")
        prev: float | None = None
        for m in services.mocks.history(services.user):
            r = m.report or {}
            change = "" if prev is None else f"{r.get('overall', 0) - prev:+.1f}"
            prev = r.get("overall", 0.0)
            table.add_row(
                str(m.id),
                m.started_at.strftime("%Y-%m-%d"),
                m.spec.role,
                str(m.spec.minutes),
                f"{prev:.1f}",
                change,
            )
        out.print(table)
        return
    if fmt == "text":
        _print_report(services, mock_id)
        return
    if fmt not in ("md", "pdf"):
        raise UserError(f"Unknown format '{fmt}'.", "Use --format text, md or pdf.")
    doc = report_document(services.mocks.report(services.user, mock_id))
    path = output or Path(f"mock-{mock_id}-report.{fmt}")
    if fmt == "pdf":
        path.write_bytes(as_pdf(doc))
    else:
        path.write_text(as_markdown(doc), encoding="utf-8")
    out.print(f"Wrote {path}")
