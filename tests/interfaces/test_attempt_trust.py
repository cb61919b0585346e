"""The attempt page says how far to trust a score: the published agreement figures (from the JSON file a
bench run writes, not hard-coded), this grade's confidence, and the dispute form."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient

from llmprep.bootstrap import Services
from llmprep.services.grading.published import PUBLISHED, load_published, publish
from llmprep.web.app import create_app

ANSWER = (
    "The KV cache keeps the keys and values of earlier tokens at every layer so they are not recomputed. "
    "Memory grows linearly with context length and batch size."
)


def test_attempt_page_shows_published_agreement_confidence_and_dispute(services: Services) -> None:
    client = TestClient(create_app(services), follow_redirects=False)
    url = client.post("/q/kv-cache/answer", data={"answer": ANSWER}).headers["location"]
    page = client.get(url).text
    attempt = services.store.list_attempts(services.user.id)[0]
    assert f"confidence is <strong>{100 * attempt.confidence:.0f}%</strong>" in page
    assert "Dispute this verdict" in page
    figures = load_published()
    assert figures is not None, f"{PUBLISHED.name} missing: run llmprep bench grading --publish LABEL"
    assert f"r = {figures.pearson:.2f}" in page
    assert f"(RMSE) of {figures.rmse:.2f}" in page
    assert f"n={figures.n}" in page


def test_publish_writes_figures_that_load_back(tmp_path: Path) -> None:
    path = tmp_path / "agreement.json"
    summary: dict[str, object] = {"n": 252, "pearson": 0.70341, "rmse": 1.3544, "grader": "rubric-x"}
    publish(summary, "SAF v1 unseen answers", path)
    loaded = load_published(path)
    assert loaded is not None
    assert (loaded.n, loaded.pearson, loaded.rmse, loaded.dataset) == (
        252,
        0.703,
        1.354,
        "SAF v1 unseen answers",
    )
    assert json.loads(path.read_text())["scale"] == "0-5"
    assert load_published(tmp_path / "absent.json") is None
