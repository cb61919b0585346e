"""End to end in real headless Chromium (Debian's, driven by Playwright): a new user answers a question,
sees evidence-based feedback and the review date; a refused submit keeps the answer; a draft survives a
reload. Uses the packaged MiniLM embedder, as `llmprep serve` does.

Skips with the reason when Chromium or Playwright's driver is missing (install: apt-get install chromium).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import FIXTURE_CONTENT, ensure_debian_package

pytestmark = [pytest.mark.browser, pytest.mark.slow]
CHROMIUM = os.environ.get("LLMPREP_CHROMIUM", "/usr/bin/chromium")
SHOTS = Path(os.environ.get("LLMPREP_SCREENSHOTS", "")) if os.environ.get("LLMPREP_SCREENSHOTS") else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = _free_port()
    env = {
        **os.environ,
        "LLMPREP_HOME": str(tmp_path_factory.mktemp("home")),
        "LLMPREP_CONTENT_DIR": str(FIXTURE_CONTENT),
        "LLMPREP_EMBEDDER": "minilm",
    }
    log = tmp_path_factory.mktemp("log") / "server.log"
    with log.open("wb") as sink:
        proc = subprocess.Popen(
            [sys.executable, "-m", "llmprep", "serve", "--port", str(port)],
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                break
        if proc.poll() is not None:
            pytest.fail(f"server exited: {log.read_text()}")
        time.sleep(0.2)
    yield url
    proc.terminate()
    proc.wait(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    problem = ensure_debian_package("chromium", lambda: Path(CHROMIUM).exists())
    if problem:
        pytest.skip(f"no Chromium at {CHROMIUM} ({problem}); or set LLMPREP_CHROMIUM")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed: uv sync (it is a dev dependency)")
    with sync_playwright() as pw:
        b = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield b
        b.close()


def _shot(page: object, name: str) -> None:
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]


def test_new_user_answers_a_question_and_gets_feedback(server: str, browser: object) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page.goto(server + "/")
    assert page.locator("h1").first.inner_text() == "Today"
    _shot(page, "dashboard-empty")
    page.click("text=Bank")
    page.fill("input[name=q]", "KV cache")
    page.wait_for_selector("#result-count:has-text('1 match')")
    _shot(page, "bank")
    page.click("text=The KV cache and its memory cost")
    _shot(page, "question")
    answer = (
        "The KV cache stores the keys and values of all previous tokens at every layer, so each decoding "
        "step only computes the new token's projections and attends over the cache. Memory is "
        "2 x layers x KV heads x head dim x tokens x bytes, roughly 0.5 MiB per token for Llama-2-7B in "
        "fp16. Grouped-query attention shares key/value heads, which shrinks the cache."
    )
    page.fill("textarea[name=answer]", answer)
    page.click("button:has-text('Submit for grading')")
    page.wait_for_url("**/attempts/*", timeout=90_000)
    assert page.locator(".score-big").is_visible()
    assert page.locator(".verdict-covered").count() >= 1
    assert page.locator("mark.kp").count() >= 1  # supporting sentences highlighted
    assert "next review" in page.locator(".score-card").inner_text()
    page.wait_for_selector(".model-answer .katex")  # KaTeX, served locally, typeset the formulas
    _shot(page, "feedback")
    page.goto(server + "/")
    assert page.locator(".recent li").count() == 1
    _shot(page, "dashboard-after")
    page.close()


def test_refused_submit_and_reload_keep_the_answer(server: str, browser: object) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(server + "/q/scaled-dot-product-attention")
    page.fill("textarea[name=answer]", "   ")
    page.click("button:has-text('Submit for grading')")
    page.wait_for_selector(".alert-error", timeout=90_000)
    assert "Your answer is empty" in page.locator(".alert-error").inner_text()
    draft = "Scores are dot products of queries and keys"
    page.fill("textarea[name=answer]", draft)
    page.locator("textarea[name=answer]").dispatch_event("input")
    page.reload()
    assert page.locator("textarea[name=answer]").input_value() == draft
    _shot(page, "draft-restored")
    page.close()
