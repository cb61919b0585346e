"""One suite for every `VectorIndex`: sqlite-vec always; pgvector when a server with the extension exists.

pgvector: LLMPREP_TEST_PGVECTOR_URL if set; else Debian's postgresql-15-pgvector on the throw-away
cluster of `postgres_url` (installed with apt when the archive has it: Debian 12 does not); else a
throw-away cluster from the PostgreSQL 16 + pgvector binaries of the `pgserver` wheel (a dev dependency).
"""

from __future__ import annotations

import importlib.util
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest

from llmprep.backends.vectors.base import VectorIndex
from llmprep.backends.vectors.pgvector import PgVectorIndex
from llmprep.backends.vectors.sqlite_vec import SqliteVecIndex
from tests.conftest import ensure_debian_package

DIM = 8
DEBIAN_PGVECTOR = "postgresql-15-pgvector"


def _unit(rng: np.random.Generator, n: int) -> np.ndarray:
    v = rng.normal(size=(n, DIM)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def _debian_pgvector_available() -> bool:
    if shutil.which("apt-cache") is None:
        return False
    proc = subprocess.run(["apt-cache", "show", DEBIAN_PGVECTOR], capture_output=True, check=False)
    return proc.returncode == 0


@pytest.fixture(scope="session")
def _pgserver_url() -> Iterator[str]:
    """A temporary PostgreSQL 16 cluster from the pgserver wheel's binaries (it bundles pgvector)."""
    spec = importlib.util.find_spec("pgserver")  # located, not imported: importing it warns
    if spec is None or not spec.submodule_search_locations:
        pytest.skip("no pgvector: set LLMPREP_TEST_PGVECTOR_URL or install the dev dependency pgserver")
    bindir = Path(next(iter(spec.submodule_search_locations))) / "pginstall" / "bin"
    base = Path(tempfile.mkdtemp(prefix="llmprep-pgv-"))
    run_as: list[str] = []
    if os.geteuid() == 0:  # initdb refuses root: run the server as the postgres system user
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root without a postgres user: cannot start a pgvector cluster")
        if shutil.which("runuser") is None:
            pytest.skip("running as root without runuser: cannot start a pgvector cluster")
        run_as = ["runuser", "-u", "postgres", "--"]
        shutil.chown(base, "postgres")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    data = base / "data"
    subprocess.run(
        [*run_as, str(bindir / "initdb"), "-D", str(data), "-U", "llmprep", "--auth=trust"],
        check=True,
        capture_output=True,
    )
    opts = f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off"
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
            opts,
            "start",
        ],
        check=True,
        capture_output=True,
    )
    try:
        yield f"postgresql://llmprep@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            [*run_as, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
            check=False,
        )
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="session")
def pgvector_url(request: pytest.FixtureRequest) -> str:
    """A PostgreSQL URL whose server has pgvector."""
    given = os.environ.get("LLMPREP_TEST_PGVECTOR_URL")
    if given:
        return given
    if _debian_pgvector_available():
        control = Path("/usr/share/postgresql/15/extension/vector.control")
        if ensure_debian_package(DEBIAN_PGVECTOR, control.exists) is None:
            url: str = request.getfixturevalue("postgres_url")
            return url
    url = request.getfixturevalue("_pgserver_url")
    return url


def _sqlite(tmp_path: Path, request: pytest.FixtureRequest) -> VectorIndex:
    return SqliteVecIndex(tmp_path / "v.sqlite", DIM)


def _pgvector(tmp_path: Path, request: pytest.FixtureRequest) -> VectorIndex:
    url = request.getfixturevalue("pgvector_url")
    index = PgVectorIndex(url, DIM, table=f"t_{abs(hash(str(tmp_path))) % 10**8}", hnsw=False)
    index.clear()
    return index


FACTORIES: dict[str, Callable[[Path, pytest.FixtureRequest], VectorIndex]] = {
    "sqlite-vec": _sqlite,
    "pgvector": _pgvector,
}


@pytest.fixture(params=sorted(FACTORIES), ids=sorted(FACTORIES))
def index(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[VectorIndex]:
    made = FACTORIES[request.param](tmp_path, request)
    yield made
    made.close()


def test_vector_index_search_returns_exact_neighbours_by_cosine(index: VectorIndex) -> None:
    rng = np.random.default_rng(0)
    vecs = _unit(rng, 200)
    index.add(list(range(1, 201)), vecs)
    query = _unit(rng, 1)[0]
    got = index.search(query, 10)
    expected = np.argsort(-(vecs @ query))[:10] + 1
    assert [i for i, _ in got] == [int(i) for i in expected]
    assert [s for _, s in got] == pytest.approx(sorted((vecs @ query)[expected - 1], reverse=True), abs=1e-4)
    assert index.count() == 200


def test_vector_index_add_replaces_an_existing_id(index: VectorIndex) -> None:
    a, b = np.eye(DIM, dtype=np.float32)[:2]
    index.add([7], a[None, :])
    index.add([7], b[None, :])
    assert index.count() == 1
    ((got, score),) = index.search(b, 5)
    assert got == 7 and score == pytest.approx(1.0, abs=1e-5)


def test_vector_index_remove_and_clear_forget_vectors(index: VectorIndex) -> None:
    rng = np.random.default_rng(1)
    index.add([1, 2, 3], _unit(rng, 3))
    index.remove([2, 99])
    assert sorted(i for i, _ in index.search(_unit(rng, 1)[0], 10)) == [1, 3]
    index.clear()
    assert index.count() == 0 and index.search(_unit(rng, 1)[0], 10) == []


def test_vector_index_never_returns_zero_vectors_or_searches_with_one(index: VectorIndex) -> None:
    index.add([1, 2], np.stack([np.zeros(DIM, np.float32), np.eye(DIM, dtype=np.float32)[0]]))
    assert [i for i, _ in index.search(np.eye(DIM, dtype=np.float32)[0], 5)] == [2]
    assert index.search(np.zeros(DIM, np.float32), 5) == []
    assert index.search(np.eye(DIM, dtype=np.float32)[0], 0) == []


def test_vector_index_persists_across_reopen(index: VectorIndex) -> None:
    index.add([5], np.eye(DIM, dtype=np.float32)[:1])
    index.close()
    assert index.count() == 1
