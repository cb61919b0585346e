"""Read an interview guide (plain text, Markdown or HTML) and extract the questions it asks.

Guides mark questions in many ways: "Q12." headings, numbered lists, bullet lists, bare lines. The rules:
- a guide that labels at least three questions "Q<n>" is trusted to label all of them (answers in such
  guides contain many question-like lines: examples, code, rhetorical questions);
- otherwise a numbered, bulleted or bare line is a question when it ends with "?" or starts with an
  interrogative or imperative word ("How", "Explain", "Design"...); bare lines need a "?" unless they are
  imperative, and bullets indented under a numbered question are its sub-points, not questions;
- in a run of four or more bullets where at least three quarters are questions, the rest of the run are
  taken as questions too (task lists such as "- Memory-efficient backprop").
Code blocks and table rows are skipped. This module does no matching; see `coverage`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from llmprep.errors import UserError

INTERROGATIVE = frozenset(
    "what how why when which who where can is are do does should would could have in if".split()
)
IMPERATIVE = frozenset(
    "explain describe design compare implement write code define walk build identify evaluate analyze analyse "
    "compute discuss explore convert make remove help tell give estimate derive contrast outline propose "
    "summarize summarise your you're lstm".split()
)
_NUMBERED = re.compile(
    r"^(?P<indent>\s*)(?:#{1,6}\s*)?(?:\*\*)?(?:Q(?:uestion)?\s*)?\d{1,3}\s*[.):]\s+", re.I
)
_LABELLED = re.compile(r"^\s*(?:#{1,6}\s*)?(?:\*\*)?Q(?:uestion)?\s*\d{1,3}\s*[.:)]\s*", re.I)
_BULLET = re.compile(r"^(?P<indent>\s*)(?:[-*•·▪◦+]|#{1,6})\s+")
_WORD = re.compile(r"[A-Za-z']+")


@dataclass(frozen=True, slots=True)
class GuideQuestion:
    """A question found in a guide, with its 1-based line number."""

    text: str
    line: int


class _HtmlText(HTMLParser):
    """HTML to text lines: block elements break lines, list items become '- ' bullets."""

    BLOCKS = frozenset(
        "p div br h1 h2 h3 h4 h5 h6 li tr section article header footer pre blockquote".split()
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.skip += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n- " if tag == "li" else "\n")
        if tag == "pre":
            self.parts.append("```\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag == "pre":
            self.parts.append("\n```\n")
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data.replace("\n", " "))


def html_to_text(html: str) -> str:
    """Visible text of an HTML page, one block per line."""
    parser = _HtmlText()
    parser.feed(html)
    return "".join(parser.parts)


def read_guide(path: Path) -> str:
    """The guide's text (HTML converted), with clear errors for unreadable files."""
    if not path.is_file():
        raise UserError(f"No guide at {path}.", "Pass the path of a .txt, .md or .html interview guide.")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    if path.suffix.lower() in (".html", ".htm") or text.lstrip()[:15].lower().startswith(
        ("<!doctype", "<html")
    ):
        text = html_to_text(text)
    return text


def _first_word(text: str) -> str:
    m = _WORD.match(text)
    return m.group(0).lower() if m else ""


def _clean(body: str) -> str:
    body = body.strip().strip("*").strip()
    return body if body.endswith("?") else body.rstrip(".!").strip()


def _is_question(kind: str, body: str) -> bool:
    word = _first_word(body)
    if body.endswith("?"):
        return word in INTERROGATIVE or word in IMPERATIVE or kind != "bare"
    if body.endswith(":") or len(body.split()) < 3:
        return False
    if word in IMPERATIVE:
        return kind != "bare" or not body.endswith((".", ","))
    return word in INTERROGATIVE and kind != "bare"


def extract_questions(text: str) -> list[GuideQuestion]:
    """The questions a guide asks, in order."""
    lines = text.splitlines()
    found: list[GuideQuestion] = []
    if sum(1 for line in lines if _LABELLED.match(line)) >= 3:
        in_code = False
        for n, raw in enumerate(lines, 1):
            if raw.strip().startswith("```"):
                in_code = not in_code
            elif not in_code and _LABELLED.match(raw):
                found.append(GuideQuestion(_clean(_LABELLED.sub("", raw)), n))
        return [q for q in found if q.text]
    run: list[tuple[int, str, bool]] = []

    def flush() -> None:
        if len(run) >= 4 and sum(ok for *_, ok in run) >= 0.75 * len(run):
            for n, body, ok in run:
                if not ok and len(body.split()) <= 12 and not body.endswith(":"):
                    found.append(GuideQuestion(_clean(body), n))
        run.clear()

    in_code = False
    question_indent: int | None = None
    for n, raw in enumerate(lines, 1):
        line = raw.strip()
        if line.startswith("```"):
            in_code = not in_code
            flush()
            continue
        if in_code or not line or line.startswith("|"):
            flush()
            continue
        if m := _NUMBERED.match(raw):
            kind, indent, body = "numbered", len(m.group("indent")), raw[m.end() :]
        elif m := _BULLET.match(raw):
            kind, indent, body = "bullet", len(m.group("indent")), raw[m.end() :]
        else:
            kind, indent, body = "bare", 0, line
        body = body.strip().strip("*").strip()
        if kind != "bullet":
            flush()
        if not 12 <= len(body) <= 260:
            continue
        if kind == "bullet" and question_indent is not None and indent > question_indent:
            continue
        ok = _is_question(kind, body)
        if ok:
            found.append(GuideQuestion(_clean(body), n))
            if kind == "numbered":
                question_indent = indent
        if kind == "bullet":
            run.append((n, body, ok))
    flush()
    return sorted(found, key=lambda q: q.line)
