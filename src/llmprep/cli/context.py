"""How commands reach the process's `Services` (built once by the root callback)."""

from __future__ import annotations

import typer

from llmprep.bootstrap import Services


def services_of(ctx: typer.Context) -> Services:
    """The Services built by the root command for this invocation."""
    root = ctx.find_root()
    services = root.obj
    if not isinstance(services, Services):
        raise RuntimeError("llmprep CLI used without its root callback")
    return services
