"""Shared machinery of the real-browser tests: a live `llmprep serve` in a subprocess, headless Chromium
(Debian's, driven by Playwright; installed by the test setup when it may, else the test skips with the
reason), and optional screenshots into $LLMPREP_SCREENSHOTS for a human to look at."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import ensure_debian_package

CHROMIUM = os.environ.get("LLMPREP_CHROMIUM", "/usr/bin/chromium")
SHOTS = Path(os.environ["LLMPREP_SCREENSHOTS"]) if os.environ.get("LLMPREP_SCREENSHOTS") else None
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def live_server(tmp_path_factory: pytest.TempPathFactory, content: Path, embedder: str) -> Iterator[str]:
    """`llmprep serve` on a free port with its own home; yields its base URL and stops it afterwards."""
    port = free_port()
    env = {
        **os.environ,
        "LLMPREP_HOME": str(tmp_path_factory.mktemp("home")),
        "LLMPREP_CONTENT_DIR": str(content),
        "LLMPREP_EMBEDDER": embedder,
    }
    log = tmp_path_factory.mktemp("log") / "server.log"
    with log.open("wb") as sink:
        proc = subprocess.Popen(
            [sys.executable, "-m", "llmprep", "serve", "--port", str(port)],
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            if proc.poll() is not None:
                pytest.fail(f"server exited: {log.read_text()}")
            time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(10)


@contextmanager
def chromium() -> Iterator[object]:
    """Headless Chromium, or a skip saying what is missing."""
    problem = ensure_debian_package("chromium", lambda: Path(CHROMIUM).exists())
    if problem:
        pytest.skip(f"no Chromium at {CHROMIUM} ({problem}); or set LLMPREP_CHROMIUM")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed: uv sync (it is a dev dependency)")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def shot(page: object, name: str) -> None:
    """Save a full-page screenshot when LLMPREP_SCREENSHOTS names a folder."""
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]


def new_page(browser: object, **options: object) -> object:
    """A page whose waits allow for a loaded 2-core machine (90 s instead of Playwright's 30 s)."""
    page = browser.new_page(**options)  # type: ignore[attr-defined]
    page.set_default_timeout(90_000)
    return page
