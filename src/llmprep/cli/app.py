"""The Typer root: builds services once, registers command groups, maps LlmprepError to exit 1."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from llmprep.bootstrap import build_services
from llmprep.cli import bank, grade, practice, serve, stats
from llmprep.cli.output import print_error
from llmprep.config import Settings
from llmprep.errors import LlmprepError

app = typer.Typer(
    name="llmprep",
    help="Prepare for and run LLM / GenAI engineering interviews, offline.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.add_typer(bank.app, name="bank")
app.command()(serve.serve)
app.command()(practice.practice)
app.command()(practice.review)
app.command()(stats.stats)
app.command()(grade.grade)


@app.callback()
def root(
    ctx: typer.Context,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors")] = False,
) -> None:
    """llmprep: practise, review and interview for LLM roles."""
    ctx.obj = build_services(Settings())
    ctx.meta["debug"] = debug


def main() -> None:
    """Console-script entry point: one error handler for every command."""
    try:
        app(standalone_mode=False)
    except LlmprepError as exc:
        print_error(exc)
        if "--debug" in sys.argv:
            raise
        sys.exit(1)
    except typer.Abort:
        sys.exit(130)
    except Exception as exc:  # click usage errors arrive here in non-standalone mode
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        if isinstance(exc, click.exceptions.Exit):
            sys.exit(exc.exit_code)
        raise
