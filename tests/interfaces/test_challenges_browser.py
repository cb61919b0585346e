"""End to end in headless Chromium: a new user opens a challenge, types a wrong solution into the
CodeMirror editor, submits and sees a failing test with its counter-example; the draft survives a reload;
then the reference solution is accepted and the "defend your solution" questions are graded.

Set LLMPREP_SCREENSHOTS=/some/dir to keep full-page screenshots. Skips when Chromium or Playwright is
missing (install: apt-get install chromium).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import FIXTURE_CONTENT
from tests.interfaces.live import chromium, live_server, new_page, shot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.sandbox,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux only"),
]
CONTENT = Path(__file__).resolve().parents[2] / "content"
SLUG = "stable-softmax"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    # The small fixture bank (quick to load at start-up) beside the real challenges and defend files.
    content = tmp_path_factory.mktemp("content")
    for name in ("bank", "taxonomy.yaml"):
        (content / name).symlink_to(FIXTURE_CONTENT / name)
    for name in ("challenges", "defend"):
        (content / name).symlink_to(CONTENT / name)
    with live_server(tmp_path_factory, content, "hashing") as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as b:
        yield b


def _replace_code(page: object, code: str) -> None:
    """Select everything in the editor and insert `code` as a paste would."""
    page.click(".code-editor .cm-content")  # type: ignore[attr-defined]
    page.keyboard.press("Control+a")  # type: ignore[attr-defined]
    page.keyboard.insert_text(code)  # type: ignore[attr-defined]


def test_solve_a_challenge_in_the_browser(server: str, browser: object) -> None:
    wrong = (CONTENT / "challenges" / SLUG / "wrong" / "no_max_subtraction.py").read_text(encoding="utf-8")
    reference = (CONTENT / "challenges" / SLUG / "solution.py").read_text(encoding="utf-8")
    page = new_page(browser, viewport={"width": 1400, "height": 900})
    page.goto(server + "/")
    page.click("nav >> text=Challenges")
    page.wait_for_selector(".challenge-table")
    shot(page, "challenges-list")
    page.click("text=Numerically stable softmax")
    page.wait_for_selector(".code-editor .cm-content")  # CodeMirror replaced the textarea
    assert page.locator("textarea#code").is_hidden()
    assert page.locator(".statement h1").inner_text() == "Numerically stable softmax"
    assert page.locator(".cm-line").first.inner_text() == "import numpy as np"
    # Tab indents inside the editor; Escape then Tab leaves it (keyboard users are not trapped).
    page.click(".code-editor .cm-content")
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    before = page.locator("textarea#code").input_value()
    page.keyboard.press("Tab")
    assert page.locator("textarea#code").input_value() == before + "    "
    page.keyboard.press("Escape")
    page.keyboard.press("Tab")
    assert not page.evaluate("document.activeElement.classList.contains('cm-content')")
    _replace_code(page, wrong)
    page.click("button:has-text('Submit')")
    page.wait_for_selector(".result[data-verdict='wrong_answer']")
    failing = page.locator(".counter-example[open]").first
    assert "nan" in failing.locator(".io-got").inner_text()
    assert failing.locator(".io-input").inner_text() and failing.locator(".io-expected").inner_text()
    assert page.locator(".test-failed").count() >= 1
    shot(page, "challenge-wrong")
    page.reload()  # the draft survives a reload
    page.wait_for_selector(".code-editor .cm-content")
    assert "e = np.exp(x)" in page.locator("textarea#code").input_value()
    _replace_code(page, reference)
    page.keyboard.press("Control+Enter")  # runs the examples
    page.wait_for_selector(".result[data-verdict='accepted']")
    assert "examples passed" in page.locator(".result-head").inner_text()
    page.click("button:has-text('Submit')")
    page.wait_for_selector(".result[data-verdict='accepted'] .accepted-box")
    assert "Expected complexity" in page.locator(".accepted-box").inner_text()
    assert page.locator("#defence textarea").count() == 3
    shot(page, "challenge-accepted")
    page.fill("#answer-0", "Linear time, O(n): one pass for the max and one to exponentiate and sum.")
    page.fill("#answer-2", "Subtracting the max keeps exponents at most zero; -inf becomes exp(-inf) = 0.")
    page.click("button:has-text('Grade my answers')")
    page.wait_for_selector(".defend-graded")
    assert page.locator(".defend-points .verdict").count() == 8
    shot(page, "challenge-defended")
    page.goto(server + "/challenges")
    assert "Solved" in page.locator("tr:has-text('Numerically stable softmax')").inner_text()
    page.close()
