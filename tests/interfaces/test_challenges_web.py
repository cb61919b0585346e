"""The challenges pages and JSON API over HTTP: the list, a challenge page, a wrong run shows a
counter-example, the reference is accepted (an attempt and a "challenge" review card), the code survives
an error, and the "defend your solution" questions are graded per expected point.

Runs submissions in the real sandbox on the real content/challenges (fixture bank, hashing embedder)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from llmprep.bootstrap import Services
from llmprep.services.challenge_practice import (
    ChallengePracticeService,
    load_defence,
    make_challenge_practice,
)
from llmprep.web.app import create_app

pytestmark = [
    pytest.mark.sandbox,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux only"),
]

CONTENT = Path(__file__).resolve().parents[2] / "content"
SLUG = "stable-softmax"
WRONG = (CONTENT / "challenges" / SLUG / "wrong" / "no_max_subtraction.py").read_text(encoding="utf-8")
REFERENCE = (CONTENT / "challenges" / SLUG / "solution.py").read_text(encoding="utf-8")
HTMX = {"HX-Request": "true"}


@pytest.fixture
def practice(services: Services) -> ChallengePracticeService:
    """The challenge service of `services`, pointed at the real challenges and defend files."""
    cp = make_challenge_practice(CONTENT, services.store, services.review, services.grader)
    services.__dict__["challenge_practice"] = cp  # replaces the cached property for this test
    return cp


@pytest.fixture
def client(services: Services, practice: ChallengePracticeService) -> TestClient:
    return TestClient(create_app(services))


def test_every_challenge_has_two_or_three_follow_up_questions() -> None:
    slugs = sorted(p.name for p in (CONTENT / "challenges").iterdir() if (p / "challenge.yaml").is_file())
    assert len(slugs) >= 30
    for slug in slugs:
        questions = load_defence(CONTENT / "defend" / f"{slug}.yaml")
        assert 2 <= len(questions) <= 3, slug
        assert all(q.key_points for q in questions), slug


def test_list_shows_difficulty_topic_and_status(client: TestClient) -> None:
    r = client.get("/challenges")
    assert r.status_code == 200
    assert "Numerically stable softmax" in r.text and "Not started" in r.text
    assert 'href="/challenges/stable-softmax"' in r.text and "tag-easy" in r.text
    assert 'href="/challenges" aria-current="page"' in r.text  # the nav link
    data = client.get("/api/challenges").json()
    assert data["ok"] and len(data["challenges"]) >= 30
    row = next(c for c in data["challenges"] if c["slug"] == SLUG)
    assert row["status"] == "new" and row["difficulty"] == "easy" and row["topic"]


def test_challenge_page_has_statement_hints_editor_and_buttons(client: TestClient) -> None:
    r = client.get(f"/challenges/{SLUG}")
    assert r.status_code == 200
    assert "<h1>Numerically stable softmax</h1>" in r.text  # statement rendered from Markdown
    assert r.text.count('class="hint-step"') == 3  # nested: revealed one at a time
    assert 'name="code"' in r.text and "raise NotImplementedError" in r.text  # textarea with the starter
    assert 'formaction="/challenges/stable-softmax/run"' in r.text
    assert 'formaction="/challenges/stable-softmax/submit"' in r.text
    assert "/static/vendor/codemirror.min.js" in r.text
    assert "Expected complexity" not in r.text  # shown only after a pass
    assert client.get("/static/vendor/codemirror.min.js").status_code == 200
    assert client.get("/challenges/no-such-challenge").status_code == 404


def test_run_with_a_wrong_solution_shows_a_counter_example(client: TestClient) -> None:
    r = client.post(f"/challenges/{SLUG}/run", data={"code": WRONG}, headers=HTMX)
    assert r.status_code == 200
    assert "Wrong answer" in r.text and "Counter-example" in r.text
    assert "Smallest failing input" in r.text and "Expected" in r.text
    assert re.search(r'class="io io-got">[^<]*nan', r.text)
    assert "<html" not in r.text  # a fragment for HTMX
    data = client.post(f"/api/challenges/{SLUG}/run", json={"code": WRONG}).json()
    assert data["verdict"] == "wrong_answer" and data["suite"] == "visible"
    failed = [t for t in data["tests"] if t["status"] == "failed"]
    assert failed and failed[0]["input"] and failed[0]["expected"] and "nan" in failed[0]["got"]


def test_submitting_the_reference_is_accepted_and_scheduled(client: TestClient, services: Services) -> None:
    wrong = client.post(f"/challenges/{SLUG}/submit", data={"code": WRONG})
    assert wrong.status_code == 200 and "Wrong answer" in wrong.text
    assert services.store.get_card(services.user.id, f"challenge:{SLUG}", "challenge") is None
    r = client.post(f"/challenges/{SLUG}/submit", data={"code": REFERENCE}, headers=HTMX)
    assert r.status_code == 200
    assert "Accepted" in r.text and "Expected complexity" in r.text
    assert "rated <strong>Hard</strong>" in r.text  # accepted after a failed submission
    assert re.search(
        r'<section id="defence"[^>]*hx-swap-oob="true"', r.text
    )  # the follow-up questions appear
    card = services.store.get_card(services.user.id, f"challenge:{SLUG}", "challenge")
    assert card is not None and card.kind == "challenge" and card.reps == 1
    attempts = services.store.list_attempts(services.user.id, item_id=f"challenge:{SLUG}")
    assert [a.mode for a in attempts] == ["challenge", "challenge"]
    assert attempts[0].score == 10.0 and attempts[0].answer == REFERENCE and attempts[1].score < 10.0
    listed = client.get("/challenges").text
    assert "✓ Solved" in listed
    data = client.post(f"/api/challenges/{SLUG}/submit", json={"code": REFERENCE}).json()
    assert data["verdict"] == "accepted" and data["review"]["rating_name"] == "Good"
    assert data["attempt_id"] and len(data["defend"]) == 3 and data["complexity"]


def test_the_code_survives_an_error(client: TestClient) -> None:
    broken = "import numpy as np\n\ndef softmax(x, axis=-1:\n    return x  # draft kept\n"
    r = client.post(f"/challenges/{SLUG}/submit", data={"code": broken})
    assert r.status_code == 200 and "Does not compile" in r.text
    assert "return x  # draft kept" in r.text and 'data-from-server="1"' in r.text
    r = client.post(f"/challenges/{SLUG}/run", data={"code": "   "})
    assert r.status_code == 400 and "Your code is empty" in r.text
    assert 'name="code"' in r.text
    r = client.post(f"/api/challenges/{SLUG}/submit", json={"code": ""})
    assert r.status_code == 400 and r.json()["ok"] is False


def test_defend_questions_are_graded_per_expected_point(client: TestClient, services: Services) -> None:
    r = client.post(f"/challenges/{SLUG}/defend", data={"answers": ["It is linear."]})
    assert r.status_code == 400 and "Pass the hidden tests first" in r.text
    client.post(f"/challenges/{SLUG}/submit", data={"code": REFERENCE})
    page = client.get(f"/challenges/{SLUG}").text
    assert "Defend your solution" in page and page.count('name="answers"') == 3
    answers = [
        "Linear time, O(n) in the number of elements: one pass computes the max, another exponentiates and sums.",
        "",
        "Subtracting the row max makes every exponent at most zero so exp never overflows; a -inf entry "
        "becomes exp(-inf) = 0 and gets zero probability without producing nan.",
    ]
    r = client.post(f"/challenges/{SLUG}/defend", data={"answers": answers}, headers=HTMX)
    assert r.status_code == 200 and 'id="defence"' in r.text
    verdicts = re.findall(r'class="verdict verdict-(covered|partial|missing)"', r.text)
    assert len(verdicts) == 8  # 2 + 3 + 3 expected points, one verdict each
    assert "missing" in verdicts
    data = client.post(f"/api/challenges/{SLUG}/defend", json={"answers": answers}).json()
    assert [len(q["points"]) for q in data["questions"]] == [2, 3, 3]
    assert data["questions"][1]["score"] == 0.0  # the empty answer earns nothing
    attempts = services.store.list_attempts(services.user.id, item_id=f"defend:{SLUG}")
    assert len(attempts) == 2 and attempts[0].mode == "challenge-defend"
