"""The only module of the CLI that talks to Rich: consoles and the error printer."""

from __future__ import annotations

from rich.console import Console

from llmprep.errors import LlmprepError

out = Console(highlight=False, soft_wrap=False)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def print_error(exc: LlmprepError) -> None:
    """Red message, then the fix, then any details (one per line)."""
    err.print(f"[bold red]Error:[/] {exc.message}", markup=True, highlight=False)
    for line in exc.details[:200]:
        err.print(f"  [red]-[/] {line}", markup=True)
    if len(exc.details) > 200:
        err.print(f"  ... and {len(exc.details) - 200} more")
    if exc.hint:
        err.print(f"[yellow]Fix:[/] {exc.hint}", markup=True)
