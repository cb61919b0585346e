"""`llmprep ask "question"` and `llmprep notes add|list|remove`: the tutor in a terminal.

`ask` prints a grounded, cited answer streamed from the LLM when one is configured, else the best passages
with their key sentences in bold; every passage names its source (a bank item id and title, or a note
file and section). Indexing shows a progress bar on stderr.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from llmprep.cli.context import services_of
from llmprep.cli.output import err, out
from llmprep.services.tutor import Answer, Passage

notes_app = typer.Typer(help="Your own notes and papers for the tutor.", no_args_is_help=True)


class RichReporter:
    """A Rich progress bar on stderr fed by the tutor's `Reporter` calls."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.task: Any = None

    def start(self, total: int, label: str) -> None:
        """Start (or restart) the bar for a stage."""
        if self.task is not None:
            self.progress.remove_task(self.task)
        self.task = self.progress.add_task(label, total=total)

    def advance(self, n: int = 1) -> None:
        """Move the bar."""
        if self.task is not None:
            self.progress.advance(self.task, n)


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )


def _print_passage(p: Passage) -> None:
    out.print(f"\n[bold cyan][{p.n}][/] [bold]{escape(p.citation)}[/]  [dim]{escape(p.location)}[/]")
    body = "".join(f"[bold yellow]{escape(t)}[/]" if key else escape(t) for t, key in p.segments)
    out.print(body, soft_wrap=True)


def _print_withheld(a: Answer) -> None:
    if a.withheld:
        out.print(f"\n[yellow]Withheld {len(a.withheld)} bank answer(s) so as not to spoil them:[/]")
        for w in a.withheld:
            out.print(f"  {escape(w.item_id)} ({escape(w.title)}): {w.reason}")


def ask(
    ctx: typer.Context,
    question: Annotated[str, typer.Argument(help="Your question, in quotes")],
    k: Annotated[int, typer.Option("--k", min=1, max=10, help="How many passages to cite")] = 4,
    no_llm: Annotated[bool, typer.Option("--no-llm", help="Extractive answer even if an LLM is set")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object")] = False,
) -> None:
    """Answer a question from the bank and your notes, citing every source."""
    tutor = services_of(ctx).tutor
    with _progress() as progress:
        tutor.index_bank(RichReporter(progress))
    if as_json:
        typer.echo(json.dumps(tutor.ask(question, k=k, use_llm=not no_llm).as_dict()))
        return
    if tutor.llm is not None and not no_llm:
        answer: Answer | None = None
        for event in tutor.stream(question, k=k):
            if event.kind == "delta":
                out.print(escape(event.data), end="", soft_wrap=True)
            elif event.kind == "done":
                answer = event.data
        if answer is None:  # pragma: no cover (stream always ends with done)
            return
        if answer.supported:
            out.print("\n\n[dim]Sources:[/]")
            for p in answer.passages:
                if p.n in answer.cited:
                    out.print(f"[bold cyan][{p.n}][/] {escape(p.citation)}  [dim]{escape(p.location)}[/]")
        else:
            out.print(f"[yellow]{answer.text}[/]")
        _print_withheld(answer)
        return
    answer = tutor.ask(question, k=k, use_llm=False)
    if not answer.supported:
        out.print(f"[yellow]{answer.text}[/]")
        if answer.passages:
            out.print(f"[dim]Closest (too weak to count): {escape(answer.passages[0].citation)}[/]")
    else:
        out.print("[dim]Best passages from your sources (key sentences in bold):[/]")
        for p in answer.passages:
            _print_passage(p)
    _print_withheld(answer)


@notes_app.command("add")
def add(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (.md .txt .html .pdf)")],
) -> None:
    """Index notes; unchanged files are skipped, changed ones re-indexed."""
    tutor = services_of(ctx).tutor
    with _progress() as progress:
        report = tutor.add_notes(paths, RichReporter(progress))
    out.print(
        f"[green]{len(report.added)} added[/], {len(report.updated)} updated, "
        f"{len(report.unchanged)} unchanged, {len(report.removed)} removed."
    )


@notes_app.command("list")
def list_notes(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object")] = False,
) -> None:
    """Indexed note files with their chunk counts."""
    notes = services_of(ctx).tutor.list_notes()
    if as_json:
        rows = [{"path": n.location, "title": n.title, "chunks": n.chunks} for n in notes]
        typer.echo(json.dumps({"notes": rows}))
        return
    if not notes:
        out.print("No notes yet: llmprep notes add PATH...")
    for n in notes:
        out.print(f"{escape(n.location)}  [dim]{n.chunks} chunks · {escape(n.title)}[/]")


@notes_app.command("remove")
def remove(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="Files or folders to forget")],
) -> None:
    """Forget notes at or under these paths (the files stay on disk)."""
    gone = services_of(ctx).tutor.remove_notes(paths)
    out.print(f"Removed {len(gone)} note file(s) from the tutor's index.")
