"""The tutor end to end on the fixture bank (hashing embedder): notes in, cited answers out, refusals,
withheld due items, incremental re-indexing, and the LLM path over an `httpx.MockTransport`."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from llmprep.backends.llm.openai_compat import OpenAICompatChat
from llmprep.bootstrap import Services
from llmprep.errors import UserError
from llmprep.services.tutor.answers import NOT_IN_SOURCES

GQA_NOTE = """# Grouped-query attention

## Why GQA shrinks the KV cache

Grouped-query attention shares each key and value head across a group of query heads. The KV cache
stores one key and one value vector per KV head, so with 8 KV heads instead of 64 the GQA cache shrinks
eightfold. Quality stays close to full multi-head attention.

## Other notes

- Multi-query attention is the extreme case with a single KV head.
"""


def _pdf_bytes(text: str) -> bytes:
    """A minimal one-page PDF showing `text` (enough for pypdf's text extraction)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    folder = tmp_path / "notes"
    (folder / "papers").mkdir(parents=True)
    (folder / "gqa.md").write_text(GQA_NOTE, encoding="utf-8")
    (folder / "sampling.txt").write_text(
        "Nucleus sampling keeps the smallest set of tokens whose probability mass exceeds p.\n",
        encoding="utf-8",
    )
    (folder / "lora.html").write_text(
        "<h1>LoRA</h1><p>LoRA freezes the base weights and trains two low-rank matrices A and B.</p>",
        encoding="utf-8",
    )
    (folder / "papers" / "rope.pdf").write_bytes(_pdf_bytes("Rotary embeddings rotate query and key pairs."))
    (folder / ".hidden.md").write_text("secret", encoding="utf-8")
    (folder / "image.png").write_bytes(b"\x89PNG")
    return folder


def test_tutor_indexes_notes_of_every_format_and_lists_them(services: Services, notes: Path) -> None:
    report = services.tutor.add_notes([notes])
    assert sorted(Path(p).name for p in report.added) == ["gqa.md", "lora.html", "rope.pdf", "sampling.txt"]
    listed = {Path(n.location).name: n for n in services.tutor.list_notes()}
    assert set(listed) == {"gqa.md", "lora.html", "rope.pdf", "sampling.txt"}
    assert listed["gqa.md"].title == "Grouped-query attention" and listed["gqa.md"].chunks == 2
    assert listed["lora.html"].title == "LoRA"


def test_tutor_answers_with_cited_passages_from_notes_and_bank(services: Services, notes: Path) -> None:
    services.tutor.add_notes([notes])
    answer = services.tutor.ask("Why does GQA shrink the KV cache?")
    assert answer.supported and answer.mode == "extractive" and not answer.withheld
    first = answer.passages[0]
    assert first.kind == "note" and first.location == str(notes / "gqa.md")
    assert first.citation == "gqa.md › Grouped-query attention › Why GQA shrinks the KV cache"
    key = [t for t, is_key in first.segments if is_key]
    assert key and any("GQA cache shrinks" in t or "shares each key" in t for t in key)
    assert "".join(t for t, _ in first.segments) == first.text
    bank = [p for p in answer.passages if p.kind == "bank"]
    assert bank and bank[0].location == "/q/kv-cache" and bank[0].citation.startswith("kv-cache · ")
    assert [p.n for p in answer.passages] == list(range(1, len(answer.passages) + 1))


def test_tutor_finds_text_extracted_from_pdf_and_html(services: Services, notes: Path) -> None:
    services.tutor.add_notes([notes])
    pdf = services.tutor.ask("How do rotary embeddings rotate query and key pairs?").passages[0]
    assert pdf.location.endswith("rope.pdf") and pdf.section == "Page 1"
    html = services.tutor.ask("Which low-rank matrices does LoRA train?").passages[0]
    assert html.location.endswith("lora.html")


def test_tutor_refuses_when_sources_do_not_support_an_answer(services: Services, notes: Path) -> None:
    services.tutor.add_notes([notes])
    answer = services.tutor.ask("What hydration should a Neapolitan pizza dough have?")
    assert not answer.supported and answer.is_refusal and answer.text == NOT_IN_SOURCES


def test_tutor_withholds_answers_of_items_due_for_review(services: Services, notes: Path) -> None:
    question = "How much memory does the KV cache need per token?"
    assert any(p.item_id == "kv-cache" for p in services.tutor.ask(question).passages)
    services.review.rate(services.user.id, "kv-cache", 1, now=datetime.now(UTC) - timedelta(days=3))
    answer = services.tutor.ask(question)
    assert all(p.item_id != "kv-cache" for p in answer.passages)
    assert [(w.item_id, w.reason) for w in answer.withheld] == [("kv-cache", "due for review")]


def test_tutor_reindexes_only_changed_files_and_drops_deleted_ones(services: Services, notes: Path) -> None:
    services.tutor.add_notes([notes])
    again = services.tutor.add_notes([notes])
    assert not again.added and not again.updated and len(again.unchanged) == 4
    (notes / "sampling.txt").write_text("Min-p sampling scales the cut-off by the top probability.\n")
    (notes / "lora.html").unlink()
    report = services.tutor.add_notes([notes])
    assert [Path(p).name for p in report.updated] == ["sampling.txt"]
    assert [Path(p).name for p in report.removed] == ["lora.html"]
    assert services.tutor.ask("What does min-p sampling scale?").passages[0].location.endswith("sampling.txt")
    assert services.tutor.remove_notes([notes / "papers"]) == [str(notes / "papers" / "rope.pdf")]
    assert len(services.tutor.list_notes()) == 2


def test_tutor_rejects_missing_paths_and_empty_questions(services: Services, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="No such file"):
        services.tutor.add_notes([tmp_path / "nope"])
    (tmp_path / "empty").mkdir()
    with pytest.raises(UserError, match="No notes found"):
        services.tutor.add_notes([tmp_path / "empty"])
    with pytest.raises(UserError, match="empty"):
        services.tutor.ask("   ")


# -- the LLM path ------------------------------------------------------------------------------------


def _with_llm(services: Services, handler: httpx.MockTransport) -> Services:
    services.__dict__["llm"] = OpenAICompatChat(
        "http://llm.test/v1", "tiny", "sk-test", transport=handler, backoff=0
    )
    return services


def _reply(text: str) -> httpx.Response:
    return httpx.Response(200, json={"choices": [{"message": {"role": "assistant", "content": text}}]})


def test_tutor_llm_answer_is_grounded_with_numbered_citations(services: Services, notes: Path) -> None:
    seen: list[dict[str, object]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(json.loads(request.content))
        assert request.headers["Authorization"] == "Bearer sk-test"
        return _reply("GQA shares each K/V head across a group of query heads [1], shrinking the cache [2].")

    tutor = _with_llm(services, httpx.MockTransport(handler)).tutor
    tutor.add_notes([notes])
    answer = tutor.ask("Why does GQA shrink the KV cache?")
    assert answer.supported and answer.mode == "llm" and answer.cited == [1, 2]
    user_msg = seen[0]["messages"][1]["content"]  # type: ignore[index]
    assert "[1] gqa.md" in user_msg and "NOT_IN_SOURCES" in seen[0]["messages"][0]["content"]  # type: ignore[index]


def test_tutor_llm_refusal_becomes_not_in_your_sources(services: Services, notes: Path) -> None:
    tutor = _with_llm(services, httpx.MockTransport(lambda r: _reply("NOT_IN_SOURCES"))).tutor
    tutor.add_notes([notes])
    answer = tutor.ask("Why does GQA shrink the KV cache?")
    assert not answer.supported and answer.text == NOT_IN_SOURCES


def test_tutor_does_not_call_the_llm_when_retrieval_finds_no_support(services: Services) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise AssertionError("the LLM must not be asked")

    answer = _with_llm(services, httpx.MockTransport(handler)).tutor.ask("Best pizza dough hydration?")
    assert answer.is_refusal


def test_tutor_streams_llm_deltas_then_the_final_answer(services: Services, notes: Path) -> None:
    chunks = ["GQA shares ", "K/V heads ", "[1]."]
    sse = "".join(f"data: {json.dumps({'choices': [{'delta': {'content': c}}]})}\n\n" for c in chunks)
    sse += "data: [DONE]\n\n"
    calls = {"n": 0}

    def handler(request: httpx.Request) -> httpx.Response:
        calls["n"] += 1
        if calls["n"] == 1:  # a transient failure is retried
            return httpx.Response(503)
        assert json.loads(request.content)["stream"] is True
        return httpx.Response(200, text=sse, headers={"content-type": "text/event-stream"})

    tutor = _with_llm(services, httpx.MockTransport(handler)).tutor
    tutor.add_notes([notes])
    events = list(tutor.stream("Why does GQA shrink the KV cache?"))
    assert [e.kind for e in events] == ["sources", "delta", "delta", "delta", "done"]
    assert "".join(e.data for e in events if e.kind == "delta") == "GQA shares K/V heads [1]."
    assert events[-1].data.cited == [1] and calls["n"] == 2


def test_llm_client_reports_persistent_failures_without_the_key() -> None:
    chat = OpenAICompatChat(
        "http://llm.test/v1", "m", "sk-secret", transport=httpx.MockTransport(lambda r: httpx.Response(500)),
        retries=1, backoff=0,
    )  # fmt: skip
    with pytest.raises(UserError, match="HTTP 500") as info:
        chat.complete([{"role": "user", "content": "hi"}])
    assert "sk-secret" not in str(info.value)


@pytest.mark.slow
def test_tutor_with_minilm_matches_paraphrases_and_refuses_off_topic(tmp_path: Path) -> None:
    from llmprep.bootstrap import build_services
    from tests.conftest import make_settings

    tutor = build_services(make_settings(tmp_path / "home", embedder="minilm")).tutor
    answer = tutor.ask("Why does letting groups of query heads share keys and values save decoding memory?")
    assert answer.supported and answer.passages[0].item_id == "kv-cache"
    assert tutor.ask("Which wine goes best with grilled salmon?").is_refusal


def test_questions_during_background_indexing_get_a_clear_message(services: Services) -> None:
    """While `serve` indexes the bank in the background, a question fails fast and says how far it got."""
    import threading

    from fastapi.testclient import TestClient

    from llmprep.web.app import create_app

    tutor = services.tutor
    tutor.wait_for_index = False
    holding, release = threading.Event(), threading.Event()

    def background_sync() -> None:  # stands in for the sync `serve` starts: holds the index lock
        with tutor._indexing:
            holding.set()
            release.wait(30)

    worker = threading.Thread(target=background_sync)
    worker.start()
    holding.wait(10)
    try:
        with pytest.raises(UserError, match="still indexing"):
            tutor.ask("Why does GQA shrink the KV cache?", use_llm=False)
        page = TestClient(create_app(services)).get("/ask", params={"q": "Why does GQA shrink the KV cache?"})
        assert page.status_code == 400 and "still indexing" in page.text
        assert 'value="Why does GQA shrink the KV cache?"' in page.text  # the question stays in the box
    finally:
        release.set()
        worker.join(10)
    tutor.index_in_background().join(60)
    assert tutor.ask("Why does GQA shrink the KV cache?", use_llm=False).passages
