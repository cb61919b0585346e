"""`llmprep doctor`: what this installation has and can do — settings in force, database, bank, the
embedding model, the sandbox layers that are active — each with a fix when something is wrong.

It checks and reports; it never changes anything.
"""

from __future__ import annotations

import json
import platform
import sys
import time
from typing import Annotated

import typer
from rich.table import Table

from llmprep.cli.context import services_of
from llmprep.cli.output import out
from llmprep.errors import LlmprepError


def doctor(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON")] = False,
) -> None:
    """Check the installation: settings, database, bank, embedder, sandbox layers."""
    services = services_of(ctx)
    s = services.settings
    checks: list[dict[str, object]] = []

    def check(name: str, fn: object) -> None:
        started = time.perf_counter()
        try:
            detail = fn()  # type: ignore[operator]
            checks.append(
                {
                    "check": name,
                    "ok": True,
                    "detail": str(detail),
                    "ms": round(1000 * (time.perf_counter() - started)),
                }
            )
        except LlmprepError as exc:
            checks.append({"check": name, "ok": False, "detail": exc.message, "fix": exc.hint})
        except Exception as exc:  # report, never crash: this is the command people run when things break
            checks.append({"check": name, "ok": False, "detail": f"{type(exc).__name__}: {exc}"})

    check("python", lambda: f"{platform.python_version()} on {platform.system()} {platform.machine()}")
    check("home", lambda: f"{s.home} (LLMPREP_HOME)")
    check("database", lambda: f"{s.sqlalchemy_url.split('@')[-1]}; user '{services.user.name}'")
    check("bank", lambda: f"{len(services.bank.servable())} items in {s.content_dir}")
    check(
        "embedder",
        lambda: (
            f"{services.embedder.name}, {services.embedder.dim} dims; "
            f"{services.embedder.embed(['warm-up sentence']).shape[0]} vector ok"
        ),
    )
    check("llm endpoint", lambda: s.llm_url or "none configured (optional: LLMPREP_LLM_URL)")

    def sandbox() -> str:
        from llmprep.backends.sandbox.layers import describe_layers

        layers = describe_layers()
        active = [n for n, st in layers.items() if st.active]
        missing = [f"{n} ({st.note})" if st.note else n for n, st in layers.items() if not st.active]
        return f"active: {', '.join(active) or 'none'}" + (
            f"; unavailable: {', '.join(missing)}" if missing else ""
        )

    check("sandbox", sandbox)
    if as_json:
        typer.echo(json.dumps({"ok": all(c["ok"] for c in checks), "checks": checks}, indent=2))
    else:
        table = Table("check", "", "detail", show_lines=False, expand=True)
        for c in checks:
            mark = "[green]ok[/]" if c["ok"] else "[red]FAIL[/]"
            detail = str(c["detail"]) + (f"\n[yellow]fix:[/] {c['fix']}" if c.get("fix") else "")
            table.add_row(str(c["check"]), mark, detail)
        out.print(table)
    if not all(c["ok"] for c in checks):
        sys.exit(1)
