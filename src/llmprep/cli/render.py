"""Rich renderings shared by CLI commands: a grade with its per-key-point verdicts."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from llmprep.domain.grading import Grade

MARK = {"covered": "[green]✓ made[/]", "partial": "[yellow]◐ partly[/]", "missing": "[red]✗ missed[/]"}


def score_style(score: float) -> str:
    """Colour for a 0-10 score."""
    return "green" if score >= 7 else ("yellow" if score >= 4 else "red")


def print_grade(console: Console, grade: Grade) -> None:
    """Score, verdict table with evidence, misconceptions and flags."""
    console.print(
        f"\n[bold {score_style(grade.score)}]Score {grade.score:.1f}/10[/]  "
        f"[dim]confidence {grade.confidence:.0%} · {grade.grader_version}[/]"
    )
    if "prompt-injection" in grade.flags:
        console.print("[red]Your answer contains instructions aimed at the grader; they were ignored.[/]")
    table = Table("", "key point", "evidence from your answer", show_lines=True, expand=True)
    for p in grade.points:
        table.add_row(MARK[p.verdict], p.text, " … ".join(p.evidence) if p.verdict != "missing" else "")
    console.print(table)
    for m in grade.misconceptions:
        console.print(f"[red]Misconception:[/] {m.belief}\n  [dim]{m.why_wrong}[/]")
    other = [f for f in grade.flags if f != "prompt-injection"]
    if other:
        console.print(f"[yellow]Flags:[/] {', '.join(other)}")
