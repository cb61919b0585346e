"""The Typer root: builds services once, registers command groups, and holds the CLI's one error handler
(`LlmprepError` -> red message and fix on stderr, exit 1; a traceback only with --debug)."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from llmprep.bootstrap import build_services
from llmprep.cli import (
    bank,
    bench,
    challenge,
    doctor,
    drill,
    export,
    grade,
    guides,
    kit,
    mock,
    plan,
    practice,
    serve,
    stats,
    tutor,
)
from llmprep.cli.bench_retrieval import retrieval as bench_retrieval
from llmprep.cli.output import print_error
from llmprep.config import Settings
from llmprep.errors import LlmprepError


class _ErrorHandlingGroup(TyperGroup):
    """Maps LlmprepError raised by any command to a clean message and exit code 1."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except LlmprepError as exc:
            if ctx.meta.get("debug"):
                raise
            print_error(exc)
            raise typer.Exit(1) from None


app = typer.Typer(
    name="llmprep",
    cls=_ErrorHandlingGroup,
    help="Prepare for and run LLM / GenAI engineering interviews, offline.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
bank.app.command()(guides.coverage)
bank.app.command("import")(guides.import_guide)
bank.app.command("stats")(guides.stats)
app.add_typer(bank.app, name="bank")
app.add_typer(export.app, name="export")
bench.app.command("retrieval")(bench_retrieval)
app.add_typer(bench.app, name="bench")
app.add_typer(tutor.notes_app, name="notes")
app.add_typer(challenge.app, name="challenge")
app.add_typer(mock.app, name="mock")
app.add_typer(kit.app, name="kit")
app.command()(serve.serve)
app.command()(practice.practice)
app.command()(practice.review)
app.command()(stats.stats)
app.command()(grade.grade)
app.command()(tutor.ask)
app.command()(doctor.doctor)
app.command()(drill.drill)
app.command()(plan.plan)
app.command()(plan.readiness)


@app.callback()
def root(
    ctx: typer.Context,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors")] = False,
) -> None:
    """llmprep: practise, review and interview for LLM roles."""
    ctx.meta["debug"] = debug
    ctx.obj = build_services(Settings())


def main() -> None:
    """Console-script entry point."""
    app()
