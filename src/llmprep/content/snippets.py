"""Find the Python code blocks in bank Markdown and run them, so every snippet the bank teaches works.

A fence whose info string is `python` (or `py`) must run on its own with the standard library and NumPy
in a few seconds. A fence marked `python no-run` is skipped, but its first line must be a comment
`# not run: <reason>` saying why (needs a GPU, needs torch, a fragment of a larger program...).
Run as `python -m llmprep.content.snippets [FILE_OR_DIR...]` to check files while writing content.
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from llmprep.domain.questions import Item

FENCE = re.compile(
    r"^(?P<indent>[ \t]*)```(?P<info>[^\n`]*)\n(?P<body>.*?)^(?P=indent)```[ \t]*$", re.S | re.M
)


@dataclass(frozen=True, slots=True)
class Snippet:
    """One fenced Python block of an item."""

    item_id: str
    field: str
    index: int
    code: str
    runnable: bool
    reason: str


def _markdown_fields(item: Item) -> list[tuple[str, str]]:
    fields = [("prompt", item.prompt), ("answer", item.answer)]
    fields += [(f"misconceptions[{i}]", m.why_wrong) for i, m in enumerate(item.misconceptions)]
    return fields


def snippets_of(item: Item) -> list[Snippet]:
    """Every python fence of an item's Markdown fields."""
    found: list[Snippet] = []
    for field, text in _markdown_fields(item):
        for n, m in enumerate(FENCE.finditer(text)):
            words = m.group("info").strip().lower().split()
            if not words or words[0] not in ("python", "py"):
                continue
            indent = len(m.group("indent"))
            code = "\n".join(line[indent:] for line in m.group("body").splitlines())
            runnable = "no-run" not in words[1:]
            reason = ""
            if not runnable:
                first = code.strip().splitlines()[0] if code.strip() else ""
                reason = first.removeprefix("#").strip() if first.startswith("# not run:") else ""
            found.append(Snippet(item.id, field, n, code, runnable, reason))
    return found


def run_snippet(snippet: Snippet, timeout: float = 20.0) -> str | None:
    """Run one snippet in a fresh interpreter; None when it passed, else the error text."""
    if not snippet.runnable:
        return None if snippet.reason else "marked no-run without a first line '# not run: <reason>'"
    try:
        proc = subprocess.run(
            [sys.executable, "-I", "-c", snippet.code],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return f"timed out after {timeout:.0f} s"
    if proc.returncode != 0:
        return (proc.stderr or proc.stdout).strip()[-1500:]
    return None


def main(argv: list[str]) -> int:
    """Check the snippets of the given item files or folders (default: the whole bank)."""
    from llmprep.content.loading import parse_item_file

    paths = [Path(a) for a in argv] or [Path("content/bank")]
    files = [f for p in paths for f in ([p] if p.is_file() else sorted(p.rglob("*.yaml")))]
    failures = 0
    total = 0
    say = sys.stdout.write
    for f in files:
        problems: list[str] = []
        item = parse_item_file(f, problems)
        for p in problems:
            say(p + "\n")
        if item is None:
            failures += 1
            continue
        for s in snippets_of(item):
            total += 1
            error = run_snippet(s)
            if error:
                failures += 1
                say(f"FAIL {f}: {s.field} block {s.index}:\n{error}\n\n")
    say(f"{total} snippets checked, {failures} problems\n")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
