"""`llmprep bench grading`: measure the grader's agreement with human scores on a JSONL file.

Each line: question, reference_answer, student_answer, score, max_score (optional key_points, id). The
grader sees only the question, the reference/key points and the student answer, never the gold score.
Predictions (0-10) are rescaled to each row's max_score; metrics are computed on a 0-5 scale
(5 * score / max_score for gold and prediction alike), kappa on both rounded half-up to integers 0..5.
Latency is per answer, warm: the model is loaded and each question's rubric embedded before timing;
p50_cpu_ms/p95_cpu_ms add the process CPU time per answer (all threads), which a busy machine does not
inflate the way it inflates wall time.
"""

from __future__ import annotations

import json
import math
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from llmprep.cli.context import services_of
from llmprep.cli.output import out
from llmprep.domain.grading import Grader, GradingTask
from llmprep.domain.questions import KeyPoint
from llmprep.errors import UserError
from llmprep.services.grading import RubricGrader
from llmprep.services.grading.agreement import agreement, percentile, to_five
from llmprep.services.grading.published import publish

app = typer.Typer(help="Benchmark llmprep against human-graded data.", no_args_is_help=True)


@dataclass(frozen=True, slots=True)
class BenchRow:
    """One graded answer of the benchmark file; `score` stays out of the grader's reach."""

    id: str
    task: GradingTask
    answer: str
    score: float
    max_score: float


def _row(raw: Any, where: str) -> BenchRow:
    if not isinstance(raw, dict):
        raise UserError(f"{where}: expected a JSON object.", "Each line must be one JSON object.")
    missing = [
        k for k in ("question", "reference_answer", "student_answer", "score", "max_score") if k not in raw
    ]
    if missing:
        raise UserError(
            f"{where}: missing field(s) {', '.join(missing)}.",
            "Each line needs question, reference_answer, student_answer, score and max_score.",
        )
    try:
        score, max_score = float(raw["score"]), float(raw["max_score"])
    except (TypeError, ValueError) as exc:
        raise UserError(f"{where}: score and max_score must be numbers.", "Fix the line.") from exc
    if not math.isfinite(max_score) or max_score <= 0 or not math.isfinite(score):
        raise UserError(f"{where}: max_score must be a positive number.", "Fix the line.")
    points = tuple(KeyPoint(str(t)) for t in raw.get("key_points") or ())
    task = GradingTask(str(raw["question"]), str(raw["reference_answer"]), points, (), str(raw.get("id", "")))
    return BenchRow(str(raw.get("id", where)), task, str(raw["student_answer"]), score, max_score)


def read_rows(path: Path, limit: int | None = None) -> list[BenchRow]:
    """Parse and validate a benchmark file.

    Raises:
        UserError: the file is missing, not UTF-8, or a line is not a valid row (the line is named).
    """
    if not path.is_file():
        raise UserError(
            f"No benchmark file at {path}.", "Pass --data FILE.jsonl (see benchmarks/saf_to_jsonl.py)."
        )
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as exc:
        raise UserError(f"{path} is not UTF-8 text.", "Save it as UTF-8.") from exc
    rows = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            raise UserError(f"{path}:{number}: invalid JSON ({exc.msg}).", "Fix the line.") from exc
        rows.append(_row(raw, f"{path}:{number}"))
        if limit is not None and len(rows) >= limit:
            break
    if not rows:
        raise UserError(f"{path} has no rows.", "Each line must be one JSON object.")
    return rows


@app.command()
def grading(
    ctx: typer.Context,
    data: Annotated[Path, typer.Option("--data", help="JSONL file of graded answers")],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object")] = False,
    limit: Annotated[int | None, typer.Option(help="Grade only the first N rows")] = None,
    calibration: Annotated[
        bool, typer.Option("--calibration/--no-calibration", help="Use the packaged score calibration")
    ] = True,
    publish_as: Annotated[
        str | None,
        typer.Option(
            "--publish",
            metavar="LABEL",
            help="Save pearson/rmse/n under LABEL as the agreement the web app shows",
        ),
    ] = None,
) -> None:
    """Grade every row (without its gold score) and report agreement and warm latency."""
    services = services_of(ctx)
    grader: Grader = services.grader
    if not calibration:
        grader = RubricGrader(services.embedder, calibrated=False)
    rows = read_rows(data, limit)
    prepare = getattr(grader, "prepare", None)
    seen: set[tuple[str, str]] = set()
    for row in rows:  # warm-up: load the model, embed each question's rubric once (as the bank cache does)
        question = (row.task.prompt, row.task.reference_answer)
        if question not in seen:
            seen.add(question)
            if callable(prepare):
                prepare(row.task)
    grader.grade(rows[0].task, rows[0].answer)
    predicted, gold, latencies, cpu = [], [], [], []
    for row in rows:
        start, start_cpu = time.perf_counter(), time.process_time()
        result = grader.grade(row.task, row.answer)
        latencies.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        rescaled = result.score / 10.0 * row.max_score
        predicted.append(to_five(rescaled, row.max_score))
        gold.append(to_five(row.score, row.max_score))
    summary: dict[str, float | int] = agreement(predicted, gold, latencies).as_dict()
    # CPU time of this process (all threads) per answer: tells a busy machine from a slow grader.
    summary["p50_cpu_ms"] = round(percentile(cpu, 50), 4)
    summary["p95_cpu_ms"] = round(percentile(cpu, 95), 4)
    summary_out: dict[str, Any] = {"data": str(data), "grader": grader.version, **summary}
    if publish_as:
        publish(summary_out, publish_as)
    if as_json:
        typer.echo(json.dumps(summary_out))
        return
    table = Table("metric", "value", title=f"{data.name} · {grader.version}")
    for key, value in summary.items():
        table.add_row(key, f"{value:g}" if isinstance(value, float) else str(value))
    out.print(table)
    out.print(
        "[dim]Agreement on a 0-5 scale (5 x score / max_score); qwk on both rounded half-up to 0..5; "
        "latency per answer, warm.[/]"
    )
