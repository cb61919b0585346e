"""Structure-aware chunking, HTML conversion and sentence spans of the tutor."""

from __future__ import annotations

import itertools

from llmprep.services.tutor.chunking import chunk_text, sentence_spans, split_blocks, split_sentences
from llmprep.services.tutor.documents import html_to_markdown

DOC = """# Attention

Intro paragraph about attention. It has two sentences.

## KV cache

The cache stores keys and values. It grows linearly with sequence length.

```python
def kv_bytes(layers, heads, dim, tokens):
    return 2 * layers * heads * dim * tokens * 2
```

| model | kv heads |
|---|---|
| Llama 2 70B | 8 |

- MQA shares one head.
- GQA shares groups.
  Continuation line of the second item.

### Paging

vLLM pages the cache.
"""


def test_split_blocks_keeps_code_tables_and_lists_whole() -> None:
    kinds = [(b.kind, b.level) for b in split_blocks(DOC)]
    assert kinds == [
        ("heading", 1), ("paragraph", 0), ("heading", 2), ("paragraph", 0), ("code", 0),
        ("table", 0), ("list", 0), ("heading", 3), ("paragraph", 0),
    ]  # fmt: skip
    code = next(b for b in split_blocks(DOC) if b.kind == "code")
    assert code.text.startswith("```python") and code.text.endswith("```") and "return" in code.text
    lst = next(b for b in split_blocks(DOC) if b.kind == "list")
    assert "Continuation line" in lst.text


def test_chunk_text_starts_a_chunk_at_each_heading_and_carries_the_heading_path() -> None:
    chunks = chunk_text(DOC, max_chars=2000)
    assert [c.headings for c in chunks] == [
        ("Attention",),
        ("Attention", "KV cache"),
        ("Attention", "KV cache", "Paging"),
    ]
    assert chunks[2].heading == "Attention › KV cache › Paging"
    assert "| Llama 2 70B | 8 |" in chunks[1].text


def test_chunk_text_never_cuts_a_code_block_that_fits() -> None:
    chunks = chunk_text(DOC, max_chars=200, overlap_chars=0)
    code = [c for c in chunks if "```python" in c.text]
    assert len(code) == 1 and code[0].text.count("```") == 2


def test_chunk_text_splits_a_long_table_between_rows_repeating_the_header() -> None:
    rows = "\n".join(f"| row {i} | {'x' * 30} |" for i in range(40))
    chunks = chunk_text(f"| name | value |\n|---|---|\n{rows}\n", max_chars=300, overlap_chars=0)
    assert len(chunks) > 3
    for c in chunks:
        assert c.text.startswith("| name | value |\n|---|---|") and len(c.text) <= 300


def test_chunk_text_overlaps_consecutive_prose_chunks_with_whole_sentences() -> None:
    text = " ".join(f"Sentence number {i} talks about topic {i}." for i in range(60))
    chunks = chunk_text(text, max_chars=300, overlap_chars=80)
    assert len(chunks) > 3
    for prev, nxt in itertools.pairwise(chunks):
        carried = nxt.text.split("\n\n")[0]
        assert prev.text.endswith(carried) and carried.endswith(split_sentences(prev.text)[-1])
    assert all(len(c.text) <= 300 + 80 + 2 for c in chunks)


def test_chunk_text_of_blank_text_is_empty() -> None:
    assert chunk_text("   \n\n") == []


def test_sentence_spans_index_into_the_original_text() -> None:
    text = "First one. Second one!\nThird? yes"
    spans = sentence_spans(text)
    assert [text[a:b] for a, b in spans] == ["First one.", "Second one!", "Third? yes"]


def test_html_to_markdown_keeps_headings_lists_code_and_tables_and_drops_scripts() -> None:
    html = """<html><head><title>t</title><style>p{}</style></head><body>
    <nav>menu</nav><h2>GQA</h2><p>Groups of <b>query</b> heads share keys.</p>
    <ul><li>fewer KV heads</li><li>smaller cache</li></ul>
    <pre>x = 1
y = 2</pre><table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table>
    <script>alert(1)</script></body></html>"""
    md = html_to_markdown(html)
    assert "## GQA" in md and "Groups of query heads share keys." in md
    assert "- fewer KV heads" in md and "```\nx = 1\ny = 2\n```" in md
    assert "| a | b |\n|---|---|\n| 1 | 2 |" in md
    assert "alert" not in md and "menu" not in md and "p{}" not in md
