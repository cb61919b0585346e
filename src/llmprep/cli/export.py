"""`llmprep export anki`: any selection of the bank as an Anki deck."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from llmprep.cli.context import services_of
from llmprep.cli.output import out
from llmprep.content.anki import export_deck
from llmprep.errors import UserError

app = typer.Typer(help="Export the bank to other tools.", no_args_is_help=True)


@app.command()
def anki(
    ctx: typer.Context,
    out_path: Annotated[Path, typer.Option("--out", "-o", help="Where to write the .apkg")] = Path(
        "llmprep.apkg"
    ),
    topic: Annotated[str | None, typer.Option(help="Only this topic")] = None,
    level: Annotated[str | None, typer.Option(help="intern | scientist | engineer")] = None,
    difficulty: Annotated[str | None, typer.Option(help="easy | medium | hard")] = None,
    type: Annotated[str | None, typer.Option("--type", help="concept | coding | design | ...")] = None,
    search: Annotated[str | None, typer.Option("--search", "-s", help="Text to look for")] = None,
    deck: Annotated[str, typer.Option(help="Deck name in Anki")] = "llmprep",
) -> None:
    """Write the selected questions (model answers and key points on the back) as an Anki deck."""
    bank = services_of(ctx).bank
    if topic and topic not in bank.topics:
        raise UserError(f"Unknown topic '{topic}'.", f"Use one of: {', '.join(sorted(bank.topics))}")
    if out_path.suffix != ".apkg":
        raise UserError(f"{out_path} does not end in .apkg.", "Anki imports .apkg files: use --out deck.apkg")
    items = bank.filter(topic=topic, level=level, difficulty=difficulty, type=type, text=search)
    n = export_deck(items, out_path, deck)
    out.print(f"[green]Wrote[/] {n} notes to {out_path} (Anki: File > Import).")
