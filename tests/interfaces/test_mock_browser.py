"""A candidate runs a 30-minute mock in real headless Chromium: answers, gets a follow-up and answers it,
pauses and reloads, resumes, finishes, and downloads the PDF report (read back with pypdf). The clock is
server-side; the page's small script only counts it down.

Skips with the reason when Chromium or Playwright's driver is missing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import FIXTURE_CONTENT
from tests.interfaces.live import chromium, live_server, new_page, shot

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with live_server(tmp_path_factory, FIXTURE_CONTENT, "hashing") as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as b:
        yield b


ANSWER = (
    "The KV cache stores the keys and values of every past token at every layer, so each decoding step only "
    "computes the new token's projections. Memory is 2 x layers x KV heads x head dim x tokens x bytes."
)


def test_candidate_runs_a_30_minute_mock_and_downloads_the_pdf(
    server: str, browser: object, tmp_path: Path
) -> None:
    page = new_page(browser, viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page.goto(server + "/")
    page.click("nav >> text=Mock")
    page.select_option("select[name=role]", "engineer")
    page.fill("input[name=minutes]", "30")
    page.click("summary:has-text('Advanced')")
    page.fill("input[name=seed]", "5")
    shot(page, "mock-setup")
    page.click("button:has-text('Start the mock')")
    page.wait_for_url(re.compile(r".*/mock/\d+$"))
    clock = page.locator("#mock-clock")
    first = clock.inner_text()
    assert re.fullmatch(r"(29|30):\d\d", first)
    page.wait_for_function(f"document.getElementById('mock-clock').textContent.trim() !== '{first}'")
    shot(page, "mock-question")
    page.fill("textarea[name=answer]", ANSWER)
    page.click("button:has-text('Submit answer')")
    page.wait_for_selector("text=Follow-up on")
    shot(page, "mock-followup")
    page.fill(
        "textarea[name=answer]", "Every sequence in the batch has its own cache, so memory grows linearly."
    )
    page.click("button:has-text('Submit answer')")
    page.wait_for_selector(".alert:has-text('Follow-up noted')")
    page.click("button:has-text('Pause')")
    page.reload()
    assert page.locator("h1:has-text('Paused')").is_visible()
    shot(page, "mock-paused")
    page.click("button:has-text('Resume')")
    page.wait_for_selector("textarea[name=answer]")
    page.on("dialog", lambda d: d.accept())
    page.click("button:has-text('Finish')")
    page.wait_for_url(re.compile(r".*/mock/\d+/report$"))
    assert page.locator("text=Score per topic").is_visible()
    assert page.locator(".study-plan a[href^='/q/']").count() >= 1
    shot(page, "mock-report")
    with page.expect_download() as info:
        page.click("#download-pdf")
    target = tmp_path / "report.pdf"
    info.value.save_as(target)
    text = "\n".join(p.extract_text() for p in PdfReader(target).pages)
    assert (
        "Mock interview report" in text
        and "The KV cache and its memory cost" in text
        and "Study plan" in text
    )
    page.goto(server + "/mock")
    assert page.locator("text=Past reports").is_visible()
    page.close()
