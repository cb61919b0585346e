"""Markdown and evidence highlighting never let user or bank text inject HTML."""

from __future__ import annotations

from llmprep.web.rendering import highlight, markdown


def test_markdown_escapes_raw_html_and_keeps_math_for_katex() -> None:
    html = str(markdown("Cost is $O(n^2)$.\n\n<script>alert(1)</script>\n\n$$a < b$$"))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert '<span class="math inline">O(n^2)</span>' in html
    assert "a &lt; b" in html


def test_highlight_marks_evidence_and_escapes_the_rest() -> None:
    out = str(highlight("<b>x</b> Keys are cached. Values too.", [("Keys are cached.", 0), ("nowhere", 1)]))
    assert out.startswith("&lt;b&gt;x&lt;/b&gt; ")
    assert '<mark class="kp kp-0" title="Key point 1">Keys are cached.<sup>1</sup></mark>' in out
    assert out.count("<mark") == 1
