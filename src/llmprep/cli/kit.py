"""`llmprep kit build|export`: interviewer kits (questions, 1-4 rubrics, flags, time plan, scoring sheet)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from llmprep.cli.context import services_of
from llmprep.cli.output import out
from llmprep.errors import UserError
from llmprep.services.exports import as_markdown, as_pdf
from llmprep.services.kits import kit_document, scorecard_document

app = typer.Typer(help="Interviewer kits: build, export, and export scored candidates.", no_args_is_help=True)


@app.command()
def build(
    ctx: typer.Context,
    role: Annotated[str, typer.Option(help="intern | scientist | engineer")] = "engineer",
    level: Annotated[str, typer.Option(help="junior | mid | senior | staff")] = "mid",
    minutes: Annotated[int, typer.Option(help="Interview length, 15-90")] = 45,
    profile: Annotated[
        str, typer.Option(help="frontier-lab | big-tech | ai-startup | applied-enterprise")
    ] = "big-tech",
    topic: Annotated[list[str] | None, typer.Option(help="Only this topic (repeatable)")] = None,
    seed: Annotated[int, typer.Option(help="Same seed and settings, same kit (0 = random)")] = 0,
) -> None:
    """Build and keep a kit; prints its time plan."""
    services = services_of(ctx)
    kit = services.kits.build(role, level, minutes, profile, tuple(topic or ()), seed)
    table = Table("start", "min", "block", title=f"Kit #{kit.id}: {kit.title}")
    for r in kit.plan:
        table.add_row(f"{r.start:g}", f"{r.minutes:g}", r.label)
    out.print(table)
    out.print(
        f"Export it: llmprep kit export {kit.id} --format pdf · score live at /kits/{kit.id} (llmprep serve)"
    )


@app.command()
def export(
    ctx: typer.Context,
    kit_id: Annotated[int, typer.Argument(help="Kit id (see 'kit list')")],
    fmt: Annotated[str, typer.Option("--format", help="md | pdf")] = "md",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write")] = None,
    scorecard: Annotated[int | None, typer.Option(help="Export this scorecard of the kit instead")] = None,
) -> None:
    """Write a kit (or one of its scorecards) as Markdown or PDF."""
    services = services_of(ctx)
    if fmt not in ("md", "pdf"):
        raise UserError(f"Unknown format '{fmt}'.", "Use --format md or pdf.")
    kit = services.kits.get(kit_id)
    if scorecard is not None:
        card, kit = services.kits.scorecard(scorecard)
        doc = scorecard_document(card, kit, services.kits.recommendation(card, kit))
        name = f"scorecard-{card.id}.{fmt}"
    else:
        doc = kit_document(kit)
        name = f"kit-{kit.id}.{fmt}"
    path = output or Path(name)
    if fmt == "pdf":
        path.write_bytes(as_pdf(doc))
    else:
        path.write_text(as_markdown(doc), encoding="utf-8")
    out.print(f"Wrote {path}")


@app.command("list")
def list_kits(ctx: typer.Context) -> None:
    """List kits and how many candidates each has scored."""
    services = services_of(ctx)
    table = Table("kit", "title", "questions", "scorecards")
    for k in services.kits.all():
        table.add_row(
            str(k.id), k.title, str(len(k.questions)), str(len(services.interviews.list_scorecards(k.id)))
        )
    out.print(table)
