"""Reading the user's documents into Markdown-ish text for the chunker.

Markdown and plain text are read as they are; HTML is turned into Markdown-like text (headings, lists,
code, table rows) with the standard library's parser; PDF text comes from `pypdf`, one `## Page N`
section per page so that citations can name the page. Invariant: every reader returns text, never
raises on odd content, and raises `UserError` only for unreadable files. It deliberately does no OCR and
does not keep PDF layout (columns, figures).
"""

from __future__ import annotations

import hashlib
from html.parser import HTMLParser
from pathlib import Path

from llmprep.errors import UserError

SUFFIXES: dict[str, str] = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
    ".text": "text",
    ".rst": "text",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
}


def is_supported(path: Path) -> bool:
    """Whether `path` has a suffix the tutor can read."""
    return path.suffix.lower() in SUFFIXES


def file_hash(path: Path) -> str:
    """sha256 of the file's bytes (what incremental re-indexing compares)."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_document(path: Path) -> str:
    """The document's text as Markdown-ish text.

    Raises:
        UserError: the file cannot be read or decoded, or its type is not supported.
    """
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise UserError(
            f"{path}: unsupported file type.", f"Add files ending in {', '.join(sorted(SUFFIXES))}."
        )
    try:
        if kind == "pdf":
            return _read_pdf(path)
        raw = path.read_bytes().decode("utf-8", errors="replace")
    except OSError as exc:
        raise UserError(f"{path}: cannot read ({exc.strerror}).", "Check the path and permissions.") from exc
    return html_to_markdown(raw) if kind == "html" else raw


def _read_pdf(path: Path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(path)
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError) as exc:
        raise UserError(f"{path}: not a readable PDF ({exc}).", "Re-export it, or add a text copy.") from exc
    return "\n\n".join(f"## Page {n}\n\n{text.strip()}" for n, text in enumerate(pages, 1) if text.strip())


class _MarkdownWriter(HTMLParser):
    """Streams HTML into Markdown-like lines; unknown tags contribute their text only."""

    _SKIP = frozenset({"script", "style", "head", "nav", "footer", "noscript", "svg"})
    _BREAKS = frozenset({"p", "div", "section", "article", "br", "blockquote", "dd", "dt", "main"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self._skip = 0
        self._pre = 0
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._rows_in_table = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skip += 1
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.out.append("\n\n" + "#" * int(tag[1]) + " ")
        elif tag == "li":
            self.out.append("\n- ")
        elif tag == "pre":
            self._pre += 1
            self.out.append("\n\n```\n")
        elif tag == "table":
            self._rows_in_table = 0
            self.out.append("\n\n")
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = []
        elif tag in self._BREAKS or tag in ("ul", "ol"):
            self.out.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.out.append("\n\n")
        elif tag == "pre":
            self._pre = max(0, self._pre - 1)
            self.out.append("\n```\n\n")
        elif tag in ("td", "th") and self._row is not None and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()).replace("|", "\\|"))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.out.append("| " + " | ".join(self._row) + " |\n")
            if self._rows_in_table == 0:
                self.out.append("|" + "---|" * len(self._row) + "\n")
            self._rows_in_table += 1
            self._row = None
        elif tag in self._BREAKS:
            self.out.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._cell is not None:
            self._cell.append(data)
        elif self._pre:
            self.out.append(data)
        else:
            lead = " " if data[:1].isspace() else ""
            self.out.append(lead + " ".join(data.split()) + (" " if data[-1:].isspace() else ""))


def html_to_markdown(html: str) -> str:
    """Markdown-like text of an HTML page (scripts, styles and navigation dropped)."""
    writer = _MarkdownWriter()
    writer.feed(html)
    writer.close()
    raw_lines = "".join(writer.out).split("\n")
    # A single leading space comes from inline-whitespace joining; deeper indentation is code: keep it.
    lines = [
        (line[1:] if line.startswith(" ") and not line.startswith("  ") else line).rstrip()
        for line in raw_lines
    ]
    text = "\n".join(lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip() + "\n"
