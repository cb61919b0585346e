"""The Ask page, /api/ask and the /api/ask/stream server-sent events over HTTP."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from llmprep.backends.llm.openai_compat import OpenAICompatChat
from llmprep.bootstrap import Services
from llmprep.web.app import create_app

NOTE = "# GQA\n\nGrouped-query attention shares key and value heads, so the GQA cache shrinks.\n"


class _Marks(HTMLParser):
    """Collects <mark> texts and link targets."""

    def __init__(self) -> None:
        super().__init__()
        self.marks: list[str] = []
        self.links: list[str] = []
        self._in_mark = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_mark = self._in_mark or tag == "mark"
        if tag == "a":
            self.links.append(dict(attrs).get("href") or "")

    def handle_endtag(self, tag: str) -> None:
        self._in_mark = self._in_mark and tag != "mark"

    def handle_data(self, data: str) -> None:
        if self._in_mark:
            self.marks.append(data)


@pytest.fixture
def client(services: Services, tmp_path: Path) -> TestClient:
    (tmp_path / "n").mkdir()
    (tmp_path / "n" / "gqa.md").write_text(NOTE, encoding="utf-8")
    services.tutor.add_notes([tmp_path / "n"])
    return TestClient(create_app(services), follow_redirects=False)


def test_ask_page_shows_cited_passages_with_highlighted_key_sentences(
    client: TestClient, tmp_path: Path
) -> None:
    empty = client.get("/ask")
    assert empty.status_code == 200 and 'href="/ask"' in empty.text and "1 note file" in empty.text
    page = client.get("/ask", params={"q": "how much memory does the KV cache need per token?"})
    parsed = _Marks()
    parsed.feed(page.text)
    assert page.status_code == 200 and parsed.marks
    assert "/q/kv-cache" in parsed.links
    note = client.get("/ask", params={"q": "why does the GQA cache shrink?"}).text
    parsed = _Marks()
    parsed.feed(note)
    link = next(h for h in parsed.links if h.startswith("/ask/note"))
    assert "Grouped-query attention" in client.get(link).text
    assert client.get("/ask/note", params={"path": "/etc/passwd"}).status_code == 404


def test_ask_page_refuses_and_names_withheld_items(client: TestClient, services: Services) -> None:
    assert "Not in your sources" in client.get("/ask", params={"q": "pizza dough hydration"}).text
    services.review.rate(services.user.id, "kv-cache", 1, now=datetime.now(UTC) - timedelta(days=2))
    page = client.get("/ask", params={"q": "how much memory does the KV cache need per token?"}).text
    assert 'id="withheld"' in page and "due for review" in page and 'href="/q/kv-cache"' not in page


def test_api_ask_returns_the_answer_json_and_the_one_error_shape(client: TestClient) -> None:
    r = client.post("/api/ask", json={"question": "why does the GQA cache shrink?", "k": 2})
    body = r.json()
    assert r.status_code == 200 and body["ok"] and body["supported"] and body["mode"] == "extractive"
    assert len(body["passages"]) <= 2 and body["passages"][0]["citation"].startswith("gqa.md")
    bad = client.post("/api/ask", json={"question": ""})
    assert bad.status_code == 422 and bad.json()["ok"] is False
    blank = client.get("/api/ask/stream", params={"q": "  "})
    assert blank.status_code == 400 and blank.json()["error"] == "The question is empty."


def test_api_ask_stream_sends_sources_deltas_and_done(services: Services, tmp_path: Path) -> None:
    sse = "".join(
        f"data: {json.dumps({'choices': [{'delta': {'content': c}}]})}\n\n" for c in ("Shared ", "heads [1].")
    )
    transport = httpx.MockTransport(lambda r: httpx.Response(200, text=sse + "data: [DONE]\n\n"))
    services.__dict__["llm"] = OpenAICompatChat("http://llm.test/v1", "m", transport=transport)
    (tmp_path / "n2").mkdir()
    (tmp_path / "n2" / "gqa.md").write_text(NOTE, encoding="utf-8")
    services.tutor.add_notes([tmp_path / "n2"])
    client = TestClient(create_app(services))
    page = client.get("/ask", params={"q": "why does the GQA cache shrink?"}).text
    assert 'data-stream="/api/ask/stream?q=' in page and "/static/ask.js" in page
    with client.stream("GET", "/api/ask/stream", params={"q": "why does the GQA cache shrink?"}) as r:
        assert r.headers["content-type"].startswith("text/event-stream")
        text = "".join(r.iter_text())
    events = [(b.split("\n")[0][7:], json.loads(b.split("\n")[1][6:])) for b in text.strip().split("\n\n")]
    assert [e for e, _ in events] == ["sources", "delta", "delta", "done"]
    assert events[-1][1]["text"] == "Shared heads [1]." and events[-1][1]["cited"] == [1]
    assert client.get("/static/ask.js").status_code == 200
