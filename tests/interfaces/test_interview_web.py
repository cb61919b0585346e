"""Mock and interviewer pages and their JSON API over HTTP (TestClient), and the `mock` / `kit` CLI."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pypdf import PdfReader
from typer.testing import CliRunner

from llmprep.bootstrap import Services
from llmprep.cli.app import app as cli
from llmprep.web.app import create_app
from tests.conftest import FIXTURE_CONTENT

ANSWER = (
    "The KV cache keeps the keys and values of earlier tokens at every layer so they are not recomputed; "
    "memory is 2 x layers x KV heads x head dim x tokens x bytes. Every sequence has its own cache."
)


@pytest.fixture
def client(services: Services) -> TestClient:
    return TestClient(create_app(services), follow_redirects=False)


def _pdf_text(data: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def test_mock_pages_run_a_mock_without_javascript(client: TestClient) -> None:
    page = client.get("/mock").text
    assert 'href="/mock"' in page and 'href="/interviewer"' in page and "Set up a new mock" in page
    r = client.post(
        "/mock", data={"role": "engineer", "minutes": "30", "profile": "frontier-lab", "seed": "5"}
    )
    assert r.status_code == 303
    url = r.headers["location"]
    page = client.get(url).text
    assert 'id="mock-clock"' in page and ("30:00" in page or "29:59" in page)
    refused = client.post(url + "/answer", data={"answer": "   "})
    assert refused.status_code == 400 and "Your answer is empty" in refused.text
    kept = client.post(url + "/answer", data={"answer": "x" * 30000})
    assert kept.status_code == 400 and "x" * 100 in kept.text  # the text is kept
    assert client.post(url + "/pause").status_code == 303
    assert "Paused" in client.get(url).text
    client.post(url + "/resume")
    followups = 0
    for _ in range(10):
        r = client.post(url + "/answer", data={"answer": ANSWER})
        if r.headers["location"].endswith("/report"):
            break
        followups += "Follow-up on" in client.get(r.headers["location"]).text
    assert followups >= 1
    report = client.get(url + "/report")
    assert report.status_code == 200 and "Score per topic" in report.text and "Study plan" in report.text
    assert re.search(r'href="/q/[\w-]+"', report.text)
    md = client.get(url + "/report.md")
    assert md.headers["content-type"].startswith("text/markdown") and "# Mock interview report" in md.text
    pdf = client.get(url + "/report.pdf")
    assert pdf.headers["content-type"] == "application/pdf" and "Mock interview report" in _pdf_text(
        pdf.content
    )
    assert "Past reports" in client.get("/mock").text and f'href="{url}/report"' in client.get("/mock").text


def test_mock_setup_errors_keep_the_form(client: TestClient) -> None:
    r = client.post("/mock", data={"role": "engineer", "minutes": "200", "profile": "big-tech"})
    assert r.status_code == 400 and "length must be 15-90" in r.text and 'value="200"' in r.text
    assert client.get("/mock/999").status_code == 404


def test_mock_json_api(client: TestClient) -> None:
    r = client.post("/api/mocks", json={"role": "engineer", "minutes": 15, "seed": 3})
    assert r.status_code == 201
    body = r.json()
    mid = body["id"]
    assert body["prompt"]["title"] and body["remaining_s"] > 0 and "answer" not in body["prompt"]
    assert client.post(f"/api/mocks/{mid}/pause").json()["status"] == "paused"
    err = client.post(f"/api/mocks/{mid}/answer", json={"answer": "x"}).json()
    assert err["ok"] is False and "paused" in err["error"]
    client.post(f"/api/mocks/{mid}/resume")
    state = client.post(f"/api/mocks/{mid}/answer", json={"answer": ANSWER}).json()
    assert state["ok"] and state["note"]
    assert client.post(f"/api/mocks/{mid}/finish").json()["status"] == "finished"
    report = client.get(f"/api/mocks/{mid}/report").json()["report"]
    assert report["mock_id"] == mid and report["questions"]
    assert client.get("/api/mocks").json()["mocks"][0]["id"] == mid
    assert client.post(f"/api/mocks/{mid}/dance").json()["status"] == 400


def test_interviewer_pages_build_score_and_export(client: TestClient) -> None:
    assert "Build a kit" in client.get("/interviewer").text
    r = client.post(
        "/kits", data={"role": "engineer", "level": "senior", "minutes": "45", "profile": "big-tech"}
    )
    kit_url = r.headers["location"]
    page = client.get(kit_url).text
    assert "Time plan" in page and "Rubric" in page and "Green flags" in page and "Red flags" in page
    assert "Scoring sheet" in page
    assert "Interview kit" in _pdf_text(client.get(kit_url + "/export.pdf").content)
    assert "Time plan" in client.get(kit_url + "/export.md").text
    r = client.post(kit_url + "/scorecards", data={"candidate": "Ada Lovelace", "level": "junior"})
    card_url = r.headers["location"]
    assert "not scored yet" in client.get(card_url).text
    form = {
        "ticks_0": ["0", "1", "2", "3", "4", "5"],
        "score_1": "3",
        "notes_0": "solid",
        "notes": "good",
        "jump": "0",
    }
    r = client.post(card_url, data=form)
    assert r.status_code == 303 and r.headers["location"].endswith("#q0")
    page = client.get(card_url).text
    assert re.search(r'id="outcome">hire<', page) and "Rule" in page and "junior: mean score" in page
    assert "Ada Lovelace" in _pdf_text(client.get(card_url + "/export.pdf").content)
    assert "Recommendation: hire" in client.get(card_url + "/export.md").text
    empty = client.post(kit_url + "/transcript", data={"transcript": "  "})
    assert empty.status_code == 400 and "transcript is empty" in empty.text
    r = client.post(kit_url + "/transcript", data={"transcript": "Q1 " + ANSWER, "candidate": "Bob"})
    assert r.status_code == 303 and "transcript" in client.get(r.headers["location"]).text


def test_kit_json_api(client: TestClient) -> None:
    kit = client.post(
        "/api/kits", json={"role": "scientist", "level": "mid", "minutes": 30, "seed": 2}
    ).json()["kit"]
    assert kit["questions"][0]["anchors"]["3"] and kit["time_plan"][0]["start"] == 0
    card = client.post(f"/api/kits/{kit['id']}/scorecards", json={"candidate": "C"}).json()
    marked = client.post(f"/api/scorecards/{card['id']}/marks", json={"index": 0, "score": 4}).json()
    assert marked["recommendation"]["outcome"] == "hire" and marked["marks"]["0"]["score"] == 4
    bad = client.post(f"/api/scorecards/{card['id']}/marks", json={"index": 99, "score": 4}).json()
    assert bad["ok"] is False
    graded = client.post(f"/api/kits/{kit['id']}/transcript", json={"transcript": "Q1 " + ANSWER}).json()
    assert graded["source"] == "transcript"
    assert client.get("/api/kits").json()["kits"][0]["id"] == kit["id"]
    assert client.get("/api/kits/404").json()["status"] == 404


def test_cli_mock_and_kit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LLMPREP_CONTENT_DIR", str(FIXTURE_CONTENT))
    monkeypatch.setenv("LLMPREP_EMBEDDER", "hashing")
    runner = CliRunner()
    r = runner.invoke(cli, ["mock", "start", "--minutes", "15", "--seed", "3"], input=ANSWER + "\n.\n")
    assert r.exit_code == 0, r.output
    assert "Paused" in r.output  # input ended: the mock is paused, not lost
    r = runner.invoke(cli, ["mock", "resume"], input="/finish\n")
    assert r.exit_code == 0 and "Report of mock #1" in r.output and "Study plan" in r.output
    out = tmp_path / "r.pdf"
    r = runner.invoke(cli, ["mock", "report", "1", "--format", "pdf", "-o", str(out)])
    assert r.exit_code == 0 and out.read_bytes().startswith(b"%PDF")
    assert "1" in runner.invoke(cli, ["mock", "report"]).output
    r = runner.invoke(cli, ["kit", "build", "--level", "staff", "--minutes", "30", "--seed", "1"])
    assert r.exit_code == 0 and "Kit #1" in r.output
    md = tmp_path / "kit.md"
    assert runner.invoke(cli, ["kit", "export", "1", "-o", str(md)]).exit_code == 0
    assert "## Time plan" in md.read_text() or "### Time plan" in md.read_text()
    bad = runner.invoke(cli, ["mock", "start", "--role", "ceo"])
    assert bad.exit_code == 1 and "role must be one of" in bad.output


def test_a_stale_answer_form_is_not_recorded_twice(client: TestClient, services: Services) -> None:
    url = client.post("/mock", data={"role": "engineer", "minutes": "30", "seed": "5"}).headers["location"]
    key = re.search(r'name="expect" value="([^"]+)"', client.get(url).text).group(1)  # type: ignore[union-attr]
    assert client.post(url + "/answer", data={"answer": ANSWER, "expect": key}).status_code == 303
    again = client.post(
        url + "/answer", data={"answer": ANSWER, "expect": key}
    )  # double submit / back button
    assert again.status_code == 303 and "Already" in again.headers["location"]
    mock_id = int(url.rsplit("/", 1)[1])
    assert len(services.interviews.list_turns(mock_id)) == 1
    state = client.get(f"/api/mocks/{mock_id}").json()
    stale = client.post(f"/api/mocks/{mock_id}/answer", json={"answer": ANSWER, "expect": key}).json()
    assert stale["status"] == 409 and state["prompt"]["key"] != key
