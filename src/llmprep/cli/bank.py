"""`llmprep bank ...`: validate, list, show and export the question bank.

Reads the bank only; coverage and import of guides live in their own command module.
"""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.markdown import Markdown
from rich.table import Table

from llmprep.cli.context import services_of
from llmprep.cli.output import out
from llmprep.content.export import item_to_dict
from llmprep.errors import NotFoundError, UserError

app = typer.Typer(help="Validate, browse and export the question bank.", no_args_is_help=True)


@app.command()
def validate(ctx: typer.Context) -> None:
    """Check every bank file against the schema and the cross-item rules."""
    bank = services_of(ctx).bank
    drafts = sum(1 for it in bank.items.values() if it.draft)
    out.print(
        f"[green]OK[/] {len(bank.items)} items ({drafts} drafts) in {len(bank.topics)} topics are valid."
    )


@app.command("list")
def list_items(
    ctx: typer.Context,
    topic: Annotated[str | None, typer.Option(help="Topic id, e.g. rag")] = None,
    level: Annotated[str | None, typer.Option(help="intern | scientist | engineer")] = None,
    difficulty: Annotated[str | None, typer.Option(help="easy | medium | hard")] = None,
    type: Annotated[str | None, typer.Option("--type", help="concept | coding | design | ...")] = None,
    search: Annotated[str | None, typer.Option("--search", "-s", help="Text to look for")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON array")] = False,
) -> None:
    """List items, filtered."""
    bank = services_of(ctx).bank
    if topic and topic not in bank.topics:
        raise UserError(f"Unknown topic '{topic}'.", f"Use one of: {', '.join(sorted(bank.topics))}")
    items = bank.filter(topic=topic, level=level, difficulty=difficulty, type=type, text=search)
    if as_json:
        out.print_json(
            json.dumps(
                [
                    {
                        "id": i.id,
                        "title": i.title,
                        "topic": i.topic,
                        "type": i.type,
                        "difficulty": i.difficulty,
                        "levels": list(i.levels),
                    }
                    for i in items
                ]
            )
        )
        return
    table = Table("id", "title", "topic", "type", "difficulty", "levels", title=f"{len(items)} items")
    for i in items:
        table.add_row(i.id, i.title, i.topic, i.type, i.difficulty, ", ".join(i.levels))
    out.print(table)


@app.command()
def show(
    ctx: typer.Context,
    item_id: Annotated[str, typer.Argument(metavar="ID")],
    answer: Annotated[bool, typer.Option(help="Also print the model answer and rubric")] = True,
) -> None:
    """Show one item: prompt, model answer, key points, misconceptions, follow-ups."""
    bank = services_of(ctx).bank
    item = bank.get(item_id)
    if item is None:
        raise NotFoundError(f"No item with id '{item_id}'.", "Run 'llmprep bank list' to see the ids.")
    out.print(
        f"[bold]{item.title}[/]  [dim]{item.id} · {item.topic} · {item.type} · {item.difficulty} · "
        f"{', '.join(item.levels)}[/]"
    )
    out.print(Markdown(item.prompt))
    if not answer:
        return
    out.rule("Model answer")
    out.print(Markdown(item.answer))
    out.rule("Key points")
    for kp in item.key_points:
        out.print(f"  [cyan]{kp.weight:g}[/]  {kp.text}")
    if item.misconceptions:
        out.rule("Misconceptions")
        for m in item.misconceptions:
            out.print(f"  [red]x[/] {m.belief}\n    [dim]{m.why_wrong}[/]")
    if item.followups:
        out.rule("Follow-ups")
        for n, f in enumerate(item.followups, 1):
            out.print(f"  {n}. {f.question}")


@app.command()
def export(
    ctx: typer.Context,
    format: Annotated[str, typer.Option("--format", help="jsonl (one item per line)")] = "jsonl",
) -> None:
    """Print every item, every field, as JSON lines on stdout."""
    if format != "jsonl":
        raise UserError(f"Unknown export format '{format}'.", "Use --format jsonl.")
    bank = services_of(ctx).bank
    for item in sorted(bank.items.values(), key=lambda i: i.id):
        typer.echo(json.dumps(item_to_dict(item), ensure_ascii=False))
