"""`llmprep challenge ...`: list, show, start, test (visible examples), submit (hidden tests), verify.

Submissions run in the sandbox (`llmprep.backends.sandbox`); verdicts come from the judge service.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.markdown import Markdown
from rich.table import Table

from llmprep.backends.sandbox import describe_layers
from llmprep.cli.context import services_of
from llmprep.cli.output import out
from llmprep.domain.challenges import Judgement, TestStatus
from llmprep.errors import UserError
from llmprep.services.challenges.catalog import ChallengeCatalog, read_submission
from llmprep.services.challenges.judge import ChallengeJudge, SuiteName
from llmprep.services.challenges.verify import verify_all

app = typer.Typer(help="Coding challenges on LLM internals, judged in a sandbox.", no_args_is_help=True)

STATUS_STYLE = {
    TestStatus.PASSED: "[green]PASS[/]",
    TestStatus.FAILED: "[red]FAIL[/]",
    TestStatus.SKIPPED: "[dim]SKIP[/]",
}


def _catalog(ctx: typer.Context) -> ChallengeCatalog:
    return services_of(ctx).challenge_catalog


def _judge(ctx: typer.Context) -> ChallengeJudge:
    return services_of(ctx).challenge_judge


@app.command("list")
def list_challenges(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON array")] = False,
) -> None:
    """List the challenges."""
    challenges = list(_catalog(ctx).challenges.values())
    if as_json:
        out.print_json(
            json.dumps(
                [
                    {
                        "slug": c.slug,
                        "title": c.title,
                        "difficulty": c.difficulty,
                        "topic": c.topic,
                        "tags": list(c.tags),
                    }
                    for c in challenges
                ]
            )
        )
        return
    table = Table("slug", "title", "difficulty", "topic", title=f"{len(challenges)} challenges")
    for c in challenges:
        table.add_row(c.slug, c.title, c.difficulty, c.topic)
    out.print(table)


@app.command()
def show(
    ctx: typer.Context,
    slug: Annotated[str, typer.Argument(help="Challenge slug (see 'challenge list')")],
    hints: Annotated[bool, typer.Option(help="Also print the hints")] = False,
) -> None:
    """Print a challenge's statement, limits and expected complexity."""
    c = _catalog(ctx).get(slug)
    out.print(
        f"[bold]{c.title}[/]  [dim]{c.slug} · {c.topic} · {c.difficulty} · time {c.time_limit_s:g} s · "
        f"memory {c.memory_limit_mb} MiB[/]"
    )
    out.print(Markdown(c.statement))
    out.print(f"[dim]Expected complexity:[/] {c.complexity}")
    if hints:
        for n, hint in enumerate(c.hints, 1):
            out.print(f"  [yellow]hint {n}[/] {hint}")


@app.command()
def start(
    ctx: typer.Context,
    slug: Annotated[str, typer.Argument(help="Challenge slug")],
    directory: Annotated[Path, typer.Option("--dir", help="Where to write the files")] = Path("."),
    force: Annotated[bool, typer.Option(help="Overwrite existing files")] = False,
) -> None:
    """Write solution.py (the starter code) and STATEMENT.md for a challenge into a directory."""
    c = _catalog(ctx).get(slug)
    target = directory / slug
    solution = target / "solution.py"
    if solution.exists() and not force:
        raise UserError(
            f"{solution} already exists.", "Pass --force to overwrite it, or --dir for another place."
        )
    target.mkdir(parents=True, exist_ok=True)
    solution.write_text(c.starter, encoding="utf-8")
    (target / "STATEMENT.md").write_text(c.statement, encoding="utf-8")
    out.print(
        f"Wrote {solution} and {target / 'STATEMENT.md'}.\n"
        f"Run: llmprep challenge test {slug} --file {solution}"
    )


def _run(ctx: typer.Context, slug: str, file: Path | None, suite: SuiteName, as_json: bool) -> Judgement:
    judge = _judge(ctx)
    judge.catalog.get(slug)
    path = file or Path(slug) / "solution.py"
    judgement = judge.judge(slug, read_submission(path), suite)
    if as_json:
        typer.echo(json.dumps(judgement.to_dict(), indent=2))
    else:
        _print_judgement(judgement)
    return judgement


def _print_judgement(j: Judgement) -> None:
    for t in j.tests:
        out.print(
            f"  {STATUS_STYLE.get(t.status, f'[red]{t.status.value.upper()}[/]')}  {t.name}"
            f"  [dim]{t.seconds * 1000:.0f} ms[/]"
        )
    failure = j.first_failure()
    if failure is not None:
        out.rule(f"First failure: {failure.name}")
        out.print(failure.message, markup=False)
        got_label = "traceback" if failure.status is TestStatus.ERROR else "got"
        for label, value in (
            ("input", failure.input),
            ("expected", failure.expected),
            (got_label, failure.got),
        ):
            if value:
                out.print(f"[bold]{label}:[/]")
                out.print(value, markup=False)
    if j.output.strip():
        out.rule("Your program's output")
        out.print(j.output[-3000:], markup=False)
    colour = "green" if j.is_accepted else "red"
    out.print(
        f"[bold {colour}]{j.verdict.value}[/] {j.passed}/{len(j.tests)} tests passed"
        f"{' - ' + j.message if j.message else ''}  [dim]({j.seconds:.2f} s, {j.suite} tests)[/]"
    )


@app.command("test")
def run_visible(
    ctx: typer.Context,
    slug: Annotated[str, typer.Argument(help="Challenge slug")],
    file: Annotated[
        Path | None, typer.Option("--file", "-f", help="Your solution (default SLUG/solution.py)")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Per-test results as JSON")] = False,
) -> None:
    """Run your solution on the visible examples."""
    if not _run(ctx, slug, file, "visible", as_json).is_accepted:
        raise typer.Exit(1)


@app.command()
def submit(
    ctx: typer.Context,
    slug: Annotated[str, typer.Argument(help="Challenge slug")],
    file: Annotated[
        Path | None, typer.Option("--file", "-f", help="Your solution (default SLUG/solution.py)")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Per-test results as JSON")] = False,
) -> None:
    """Judge your solution on the hidden tests."""
    if not _run(ctx, slug, file, "hidden", as_json).is_accepted:
        raise typer.Exit(1)


@app.command()
def verify(
    ctx: typer.Context,
    slug: Annotated[list[str] | None, typer.Argument(help="Only these challenges")] = None,
    workers: Annotated[int, typer.Option(help="Submissions judged in parallel")] = 2,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object")] = False,
) -> None:
    """Check every reference solution passes and every wrong solution fails; exit 1 otherwise."""
    judge = _judge(ctx)
    for s in slug or []:
        judge.catalog.get(s)
    outcomes = verify_all(judge, slug or None, workers)
    bad = [o for o in outcomes if not o.ok]
    if as_json:
        typer.echo(
            json.dumps(
                {
                    "ok": not bad,
                    "checked": len(outcomes),
                    "failures": len(bad),
                    "outcomes": [o.to_dict() for o in outcomes],
                },
                indent=2,
            )
        )
    else:
        for o in outcomes:
            mark = "[green]ok[/]" if o.ok else "[bold red]BAD[/]"
            out.print(
                f"{mark}  {o.slug:<28} {o.file:<32} {o.suite:<7} {o.verdict.value:<14} "
                f"[dim]{o.detail[:90]}[/]"
                if not o.ok or not o.must_pass
                else f"{mark}  {o.slug:<28} {o.file:<32} {o.suite:<7} {o.verdict.value}"
            )
        out.print(
            f"{len(outcomes) - len(bad)}/{len(outcomes)} as expected"
            f" across {len({o.slug for o in outcomes})} challenges."
        )
    if bad:
        raise typer.Exit(1)


@app.command()
def sandbox(
    as_json: Annotated[bool, typer.Option("--json", help="Layer name -> {active, note}")] = False,
) -> None:
    """Show which sandbox layers are active on this machine (the same data `llmprep doctor` reports)."""
    layers = describe_layers()
    if as_json:
        typer.echo(
            json.dumps({name: {"active": s.active, "note": s.note} for name, s in layers.items()}, indent=2)
        )
        return
    table = Table("layer", "active", "note", title="Sandbox layers")
    for name, status in layers.items():
        table.add_row(name, "[green]yes[/]" if status.active else "[red]no[/]", status.note)
    out.print(table)
