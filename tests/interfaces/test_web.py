"""The web app over HTTP (TestClient): pages, the no-JS and HTMX answer flows, the JSON API, and the one
error shape. Bad input never loses the user's answer."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from llmprep.bootstrap import Services
from llmprep.web.app import create_app

GOOD = (
    "The KV cache keeps the keys and values of earlier tokens at every layer so they are not recomputed; "
    "each step only processes the new token and attends over the cache. Memory is 2 x layers x KV heads x "
    "head dim x tokens x bytes per element, about 0.5 MiB per token for a 7B model in fp16."
)


@pytest.fixture
def client(services: Services) -> TestClient:
    return TestClient(create_app(services), follow_redirects=False)


def test_pages_render(client: TestClient) -> None:
    for path in ("/", "/bank", "/q/kv-cache", "/review", "/api/docs"):
        r = client.get(path)
        assert r.status_code == 200, path
    assert "Mastery by topic" in client.get("/").text
    assert "KV cache" in client.get("/bank").text


def test_bank_filters_and_htmx_partial(client: TestClient) -> None:
    page = client.get("/bank", params={"difficulty": "easy"}).text
    assert "Scaled dot-product attention" in page and "The KV cache and its memory cost" not in page
    part = client.get("/bank", params={"q": "kv"}, headers={"HX-Request": "true"}).text
    assert "<html" not in part and "1 match" in part


def test_answer_flow_without_javascript(client: TestClient, services: Services) -> None:
    r = client.post("/q/kv-cache/answer", data={"answer": GOOD, "started_at": "0"})
    assert r.status_code == 303
    attempt_url = r.headers["location"]
    assert re.fullmatch(r"/attempts/\d+", attempt_url)
    page = client.get(attempt_url).text
    assert "Key points" in page and "Model answer" in page and "next review" in page
    assert '<mark class="kp' in page  # the answer's supporting sentences are highlighted
    assert services.store.get_card(services.user.id, "kv-cache", "question") is not None


def test_answer_flow_with_htmx_redirects(client: TestClient) -> None:
    r = client.post("/q/kv-cache/answer", data={"answer": GOOD}, headers={"HX-Request": "true"})
    assert r.status_code == 204 and r.headers["HX-Redirect"].startswith("/attempts/")


@pytest.mark.parametrize(
    ("answer", "message"), [("   ", "Your answer is empty"), ("word " * 30_000, "at most")]
)
def test_refused_answer_keeps_the_text(
    client: TestClient, services: Services, answer: str, message: str
) -> None:
    r = client.post("/q/kv-cache/answer", data={"answer": answer})
    assert r.status_code == 400 and message in r.text
    assert answer.strip()[:200] in r.text  # the textarea still holds what the user wrote
    r = client.post("/q/kv-cache/answer", data={"answer": answer}, headers={"HX-Request": "true"})
    assert r.status_code == 200 and message in r.text and "<textarea" in r.text
    assert services.store.list_attempts(services.user.id) == []


def test_dispute_from_the_attempt_page(client: TestClient, services: Services) -> None:
    url = client.post("/q/kv-cache/answer", data={"answer": GOOD}).headers["location"]
    attempt_id = int(url.rsplit("/", 1)[1])
    r = client.post(f"{url}/dispute", data={"point_index": "0", "reason": "My first sentence says it."})
    assert r.status_code == 303
    assert "You disputed this verdict" in client.get(url).text
    assert services.store.list_disputes(attempt_id)[0].reason == "My first sentence says it."


def test_review_flashcard_self_rating(client: TestClient, services: Services) -> None:
    from datetime import UTC, datetime, timedelta

    services.review.rate(services.user.id, "kv-cache", 1, now=datetime.now(UTC) - timedelta(days=2))
    page = client.get("/review?reveal=1").text
    assert "How well did you recall it?" in page and "Again" in page
    r = client.post("/review/kv-cache/rate", data={"rating": "3"})
    assert r.status_code == 303
    assert "All caught up" in client.get("/review").text


def test_errors_have_one_html_page_and_one_json_shape(client: TestClient) -> None:
    r = client.get("/q/nope")
    assert r.status_code == 404 and "No question with id" in r.text and "<html" in r.text
    r = client.get("/api/items/nope")
    assert r.status_code == 404
    body = r.json()
    assert body["ok"] is False and body["status"] == 404 and "No question" in body["error"] and body["hint"]
    r = client.post("/api/items/kv-cache/attempts", json={"answer": ""})
    assert r.status_code == 400 and r.json()["error"] == "Your answer is empty."
    r = client.post("/api/items/kv-cache/attempts", json={"nope": 1})
    assert r.status_code == 422 and r.json()["errors"]
    r = client.get("/no/such/page")
    assert r.status_code == 404 and "Page not found" in r.text


def test_json_api_practice_loop(client: TestClient) -> None:
    items = client.get("/api/items").json()
    assert items["count"] == 2
    item = client.get("/api/items/kv-cache").json()["item"]
    assert item["key_points"] and item["answer"]
    r = client.post("/api/items/kv-cache/attempts", json={"answer": GOOD, "time_taken_s": 60})
    assert r.status_code == 201
    out = r.json()
    assert 0 <= out["grade"]["score"] <= 10 and out["review"]["due"]
    attempt = client.get(f"/api/attempts/{out['attempt']['id']}").json()["attempt"]
    assert attempt["answer"] == GOOD
    r = client.post(f"/api/attempts/{attempt['id']}/disputes", json={"point_index": 0, "reason": "said it"})
    assert r.status_code == 201
    assert client.post("/api/review/kv-cache", json={"rating": 4}).json()["interval_days"] > 0
    progress = client.get("/api/progress").json()
    assert progress["attempts"] == 1 and progress["topics"]
    assert client.get("/api/openapi.json").json()["paths"]["/api/items/{item_id}/attempts"]
