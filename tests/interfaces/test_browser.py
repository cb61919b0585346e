"""End to end in real headless Chromium (Debian's, driven by Playwright): a new user answers a question,
sees evidence-based feedback and the review date; a refused submit keeps the answer; a draft survives a
reload. Uses the packaged MiniLM embedder, as `llmprep serve` does.

Skips with the reason when Chromium or Playwright's driver is missing (install: apt-get install chromium).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.conftest import FIXTURE_CONTENT
from tests.interfaces.live import chromium, live_server, new_page, shot

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with live_server(tmp_path_factory, FIXTURE_CONTENT, "minilm") as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as b:
        yield b


def test_new_user_answers_a_question_and_gets_feedback(server: str, browser: object) -> None:
    page = new_page(browser, viewport={"width": 1280, "height": 900})
    page.goto(server + "/")
    assert page.locator("h1").first.inner_text() == "Today"
    shot(page, "dashboard-empty")
    page.click("text=Bank")
    page.fill("input[name=q]", "KV cache")
    page.wait_for_selector("#result-count:has-text('1 match')")
    shot(page, "bank")
    page.click("text=The KV cache and its memory cost")
    shot(page, "question")
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
    shot(page, "feedback")
    page.goto(server + "/")
    assert page.locator(".recent li").count() == 1
    shot(page, "dashboard-after")
    page.close()


def test_refused_submit_and_reload_keep_the_answer(server: str, browser: object) -> None:
    page = new_page(browser)
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
    shot(page, "draft-restored")
    page.close()
