"""Drills through the service and the web page: fresh numbers, graded number + reasoning, stored attempt."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from llmprep.bootstrap import Services
from llmprep.errors import UserError
from llmprep.web.app import create_app


def test_deal_gives_fresh_numbers_and_rejects_unknown_kinds(services: Services) -> None:
    seeds = {services.drills.deal("kv-cache").seed for _ in range(5)}
    assert len(seeds) > 1
    with pytest.raises(UserError):
        services.drills.deal("astrology")


def test_submit_scores_number_and_reasoning_and_stores_attempt(services: Services) -> None:
    d = services.drills.deal("training-flops", 3)
    days = d.answer / 86400
    good = services.drills.submit(
        services.user,
        d.kind,
        d.seed,
        f"{days:.1f} days",
        "Compute is about 6 times parameters times tokens FLOPs. Effective throughput is "
        "GPUs times peak FLOP/s times MFU. Divide compute by throughput, convert to days.",
    )
    bad = services.drills.submit(services.user, d.kind, d.seed, f"{days * 10:.1f} days", "")
    assert good.number.verdict == "right" and bad.number.verdict == "wrong"
    assert good.score > bad.score
    stored = services.store.list_attempts(services.user.id, item_id="drill:training-flops")
    assert len(stored) == 2 and stored[0].mode == "drill"
    with pytest.raises(UserError):
        services.drills.submit(services.user, d.kind, d.seed, "  ")


def test_drill_pages(services: Services) -> None:
    client = TestClient(create_app(services))
    page = client.get("/drills", params={"kind": "decode-speed", "seed": 5})
    assert page.status_code == 200 and "tokens per second" in page.text
    d = services.drills.deal("decode-speed", 5)
    r = client.post(
        "/drills/decode-speed/5", data={"answer": f"{d.answer:.0f} tok/s", "reasoning": "bandwidth / bytes"}
    )
    assert r.status_code == 200 and "Exact answer" in r.text and "number: right" in r.text
    r = client.post("/drills/decode-speed/5", data={"answer": "", "reasoning": "my working survives"})
    assert r.status_code == 400 and "my working survives" in r.text


def test_dashboard_links_non_bank_attempts_to_their_pages(services: Services) -> None:
    d = services.drills.deal("index-memory", 2)
    services.drills.submit(services.user, d.kind, d.seed, d.answer_text)
    page = TestClient(create_app(services)).get("/").text
    assert 'href="/drills?kind=index-memory"' in page and "Estimation drill: index memory" in page
