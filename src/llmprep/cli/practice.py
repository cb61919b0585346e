"""`llmprep practice` and `llmprep review`: the practice loop and the review queue in a terminal.

Answers are typed (or pasted) over several lines and end with a line holding only '.', or with Ctrl+D.
"""

from __future__ import annotations

import sys
import time
from typing import Annotated

import typer
from rich.markdown import Markdown

from llmprep.bootstrap import Services
from llmprep.cli.context import services_of
from llmprep.cli.output import err, out
from llmprep.cli.render import print_grade
from llmprep.domain.questions import Item
from llmprep.errors import UserError
from llmprep.services.review import RATING_NAMES


def read_multiline(prompt: str) -> str | None:
    """Lines until a lone '.' (or EOF); None when stdin is already exhausted."""
    out.print(f"[dim]{prompt}[/]")
    lines: list[str] = []
    got_any = False
    for raw in sys.stdin:
        got_any = True
        line = raw.rstrip("\n")
        if line.strip() == ".":
            break
        lines.append(line)
    if not got_any:
        return None
    return "\n".join(lines)


def ask(prompt: str, default: str = "") -> str:
    """One line of input ('' at EOF)."""
    out.print(f"[bold]{prompt}[/] ", end="")
    line = sys.stdin.readline()
    return line.strip() if line else default


def show_question(item: Item) -> None:
    """Title, meta and prompt."""
    out.rule(f"[bold]{item.title}[/]")
    out.print(f"[dim]{item.id} · {item.topic} · {item.type} · {item.difficulty}[/]")
    out.print(Markdown(item.prompt))


def answer_one(services: Services, item: Item) -> bool:
    """Ask for an answer, grade it, show feedback. False when input ended."""
    show_question(item)
    started = time.monotonic()
    while True:
        text = read_multiline("Your answer (end with a line holding only '.', or Ctrl+D):")
        if text is None:
            return False
        try:
            sub = services.practice.submit(services.user, item.id, text, time.monotonic() - started)
        except UserError as exc:
            err.print(f"[red]{exc.message}[/] {exc.hint}")
            continue
        break
    print_grade(out, sub.grade)
    out.print(f"[dim]Next review in {sub.review.interval_days:.1f} day(s).[/]")
    if ask("Show the model answer? [Y/n]", "n").lower() in ("", "y", "yes"):
        out.rule("Model answer")
        out.print(Markdown(item.answer))
    return True


def practice(
    ctx: typer.Context,
    topic: Annotated[str | None, typer.Option(help="Only this topic")] = None,
    level: Annotated[str | None, typer.Option(help="intern | scientist | engineer")] = None,
    count: Annotated[int, typer.Option(help="Questions in this session")] = 5,
    question: Annotated[str | None, typer.Option("--question", "-q", help="Start with this item id")] = None,
) -> None:
    """Answer questions in the terminal and get graded feedback."""
    services = services_of(ctx)
    if topic and topic not in services.bank.topics:
        raise UserError(f"Unknown topic '{topic}'.", f"Use one of: {', '.join(sorted(services.bank.topics))}")
    done = 0
    while done < count:
        item = (
            services.practice.item(question)
            if question and done == 0
            else services.practice.next_item(services.user, topic=topic, level=level)
        )
        if item is None:
            out.print("[green]Nothing left to practise in this selection.[/]")
            return
        if not answer_one(services, item):
            break
        done += 1
        if done < count and ask("Next question? [Y/n]", "n").lower() not in ("", "y", "yes"):
            break
    out.print(f"[bold]Session over:[/] {done} question(s) answered.")


def review(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option(help="Cards in this session")] = 20,
) -> None:
    """Review due questions as flashcards (reveal, then rate 1-4) or answer them in writing (w)."""
    services = services_of(ctx)
    due = [c for c in services.review.due(services.user.id, kind="question") if services.bank.get(c.item_id)]
    if not due:
        out.print("[green]Nothing is due.[/] Practise new questions with 'llmprep practice'.")
        return
    out.print(f"{len(due)} card(s) due.")
    for card in due[:limit]:
        item = services.practice.item(card.item_id)
        show_question(item)
        choice = ask("[Enter] reveal the answer · [w] answer in writing · [q] quit:")
        if choice == "q":
            break
        if choice == "w":
            if not answer_one(services, item):
                break
            continue
        out.rule("Model answer")
        out.print(Markdown(item.answer))
        while True:
            raw = ask("How well did you recall it? 1 Again · 2 Hard · 3 Good · 4 Easy:")
            if not raw:
                return
            if raw.isdigit() and int(raw) in RATING_NAMES:
                result = services.review.rate(services.user.id, item.id, int(raw), source="self")
                out.print(
                    f"[dim]{RATING_NAMES[int(raw)]}: next review in {result.interval_days:.1f} day(s).[/]"
                )
                break
            err.print("[red]Type 1, 2, 3 or 4.[/]")
