"""`llmprep drill`: back-of-envelope estimation drills in the terminal, fresh numbers each time."""

from __future__ import annotations

import time
from typing import Annotated

import typer

from llmprep.cli.context import services_of
from llmprep.cli.output import out
from llmprep.cli.practice import ask, read_multiline
from llmprep.cli.render import print_grade, score_style


def drill(
    ctx: typer.Context,
    kind: Annotated[
        str | None,
        typer.Option(
            help="kv-cache | training-flops | finetune-memory | decode-speed | "
            "serving-cost | index-memory (random if omitted)"
        ),
    ] = None,
    seed: Annotated[int | None, typer.Option(help="Replay the drill with these numbers")] = None,
) -> None:
    """Answer an estimation drill: the number with its unit, then your working."""
    services = services_of(ctx)
    d = services.drills.deal(kind, seed)
    out.rule(f"[bold]{d.title}[/]  [dim]{d.kind} · seed {d.seed}[/]")
    out.print(d.question)
    started = time.monotonic()
    answer = ask("Your number (with unit):")
    reasoning = read_multiline("Your working (end with a line holding only '.', or Ctrl+D):") or ""
    result = services.drills.submit(
        services.user, d.kind, d.seed, answer, reasoning, time.monotonic() - started
    )
    style = score_style(result.score)
    out.print(
        f"\n[bold {style}]Score {result.score:.1f}/10[/]  number: [bold]{result.number.verdict}[/] "
        f"(exact {d.answer_text}) — {result.number.note}"
    )
    print_grade(out, result.reasoning)
    out.rule("Worked solution")
    out.print(d.solution)
