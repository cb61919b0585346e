"""Exports of reports, kits and scorecards: Markdown from the document model, PDF through the local
renderer in `llmprep.backends.pdf` (imported on first use, so fpdf2 loads only when a PDF is asked for)."""

from __future__ import annotations

from llmprep.domain.documents import Document, to_markdown


def as_markdown(doc: Document) -> str:
    """The document as Markdown."""
    return to_markdown(doc)


def as_pdf(doc: Document) -> bytes:
    """The document as PDF bytes."""
    from llmprep.backends.pdf import render_pdf

    return render_pdf(doc)
