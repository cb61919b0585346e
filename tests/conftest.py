"""Shared fixtures: every test gets its own LLMPREP_HOME; services on fixture content with the fast hashing
embedder; a PostgreSQL URL (from LLMPREP_TEST_DATABASE_URL, or a throw-away local cluster when Debian's
PostgreSQL is installed)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from llmprep.bootstrap import Services, build_services
from llmprep.config import Settings

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_CONTENT = Path(__file__).resolve().parent / "fixtures" / "content"
BANK_CONTENT = ROOT / "content"
SEEDS = ROOT.parent / "shared" / "seeds" / "questions.json"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("LLMPREP_HOME", str(home))
    for var in ("LLMPREP_DATABASE_URL", "LLMPREP_CONTENT_DIR", "LLMPREP_EMBEDDER", "LLMPREP_LLM_URL"):
        monkeypatch.delenv(var, raising=False)
    return home


def make_settings(home: Path, **overrides: object) -> Settings:
    """Settings for tests: fixture content and the hashing embedder unless overridden."""
    values: dict[str, object] = {
        "home": home,
        "content_dir": FIXTURE_CONTENT,
        "embedder": "hashing",
        "seeds_file": SEEDS,
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


@pytest.fixture
def services(_isolated_home: Path) -> Services:
    """Services over the fixture bank, SQLite in the temp home, hashing embedder."""
    return build_services(make_settings(_isolated_home))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def ensure_debian_package(package: str, present: Callable[[], bool]) -> str | None:
    """Install a Debian package the tests need when it is missing and we may (root + apt-get).

    Returns None when the package is there afterwards, else why it could not be installed.
    """
    if present():
        return None
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        return f"{package} is not installed and this user cannot apt-get it: apt-get install {package}"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], capture_output=True, check=False, env=env)
    proc = subprocess.run(
        ["apt-get", "install", "-y", "-qq", package], capture_output=True, text=True, check=False, env=env
    )
    if present():
        return None
    return f"apt-get install {package} failed: {proc.stderr.strip()[-300:]}"


def _pg_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    return found[-1].parent if found else None


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A PostgreSQL URL: LLMPREP_TEST_DATABASE_URL, or a temporary local cluster; skip when neither."""
    given = os.environ.get("LLMPREP_TEST_DATABASE_URL")
    if given:
        yield given
        return
    bindir = _pg_bin()
    if bindir is None:
        pytest.skip(
            "PostgreSQL is not installed (apt-get install postgresql) and LLMPREP_TEST_DATABASE_URL is unset"
        )
    # Not under pytest's tmp dir: that is private to root, and the server runs as the postgres user.
    base = Path(tempfile.mkdtemp(prefix="llmprep-pg-"))
    data = base / "data"
    run_as: list[str] = []
    if os.geteuid() == 0:  # initdb refuses to run as root: use the postgres system user
        if shutil.which("runuser") is None:
            pytest.skip("running as root without runuser: cannot start a PostgreSQL cluster")
        run_as = ["runuser", "-u", "postgres", "--"]
        shutil.chown(base, "postgres")
        os.chmod(base, 0o777)
    port = _free_port()
    subprocess.run(
        [*run_as, str(bindir / "initdb"), "-D", str(data), "-U", "llmprep", "--auth=trust", "-E", "UTF8"],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [
            *run_as,
            str(bindir / "pg_ctl"),
            "-D",
            str(data),
            "-l",
            str(base / "log"),
            "-w",
            "-o",
            f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off",
            "start",
        ],
        check=True,
        capture_output=True,
    )
    url = f"postgresql+psycopg://llmprep@127.0.0.1:{port}/postgres"
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.2)
        yield url
    finally:
        subprocess.run(
            [*run_as, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
            check=False,
        )
        shutil.rmtree(base, ignore_errors=True)
