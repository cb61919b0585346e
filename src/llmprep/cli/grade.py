"""`llmprep grade`: grade an answer file against a bank question, without storing anything."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer

from llmprep.cli.context import services_of
from llmprep.cli.output import out
from llmprep.cli.render import print_grade
from llmprep.errors import UserError


def read_answer_file(path: Path) -> str:
    """Text of an answer file ('-' is stdin), with clear errors for missing or non-UTF-8 files."""
    if str(path) == "-":
        import sys

        return sys.stdin.read()
    if not path.is_file():
        raise UserError(
            f"No answer file at {path}.", "Pass the path of a text or Markdown file with your answer."
        )
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UserError(
            f"{path} is not UTF-8 text (bad byte 0x{data[exc.start]:02x} at position {exc.start}).",
            "Save the file as UTF-8 (most editors: 'Save with encoding') and run the command again.",
        ) from exc


def grade(
    ctx: typer.Context,
    question: Annotated[str, typer.Option("--question", "-q", help="Bank item id")],
    answer_file: Annotated[
        Path, typer.Option("--answer-file", "-f", help="File with the answer ('-' = stdin)")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the grade as JSON")] = False,
) -> None:
    """Grade an answer against a question's key points (nothing is stored)."""
    services = services_of(ctx)
    services.practice.item(question)
    result = services.practice.grade(question, read_answer_file(answer_file))
    if as_json:
        typer.echo(
            json.dumps(
                {
                    "question": question,
                    "score": result.score,
                    "confidence": result.confidence,
                    "grader_version": result.grader_version,
                    "flags": list(result.flags),
                    "feedback": result.feedback,
                    "points": [asdict(p) for p in result.points],
                    "misconceptions": [asdict(m) for m in result.misconceptions],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    print_grade(out, result)
