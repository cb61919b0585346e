"""Hostile submissions: every one must end with a correct verdict (never "accepted") and leave the host alone.

Each payload attacks from inside `solution.py` of a copy of the stable-softmax challenge (with a 2 s
budget). A payload that succeeds prints PWNED and behaves correctly, so success would show up both in
the output and, often, as "accepted". After every run the test checks the host: a canary folder is
unchanged and empty of new files, the hidden tests and the harness files are byte-identical, the fake
secret never reached the output, and no child process of the judge is left alive.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import sys
from pathlib import Path

import pytest

from llmprep.backends.sandbox import describe_layers
from llmprep.backends.sandbox.base import package_dir
from llmprep.backends.sandbox.subprocess import SubprocessSandbox
from llmprep.domain.challenges import Verdict
from llmprep.services.challenges.catalog import ChallengeCatalog
from llmprep.services.challenges.judge import ChallengeJudge

pytestmark = [
    pytest.mark.sandbox,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux only"),
]

ROOT = Path(__file__).resolve().parents[2]
SOURCE_CHALLENGE = ROOT / "content" / "challenges" / "stable-softmax"
SECRET = "llmprep-fake-secret-7f3a9c"
GOOD = """
import numpy as np


def softmax(x, axis=-1):
    e = np.exp(x - np.max(x, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)
"""
RE, WA, TLE, MLE, OLE = (
    Verdict.RUNTIME_ERROR,
    Verdict.WRONG_ANSWER,
    Verdict.TIME_LIMIT,
    Verdict.MEMORY_LIMIT,
    Verdict.OUTPUT_LIMIT,
)


def attempt(attack: str) -> str:
    """Run `attack` at import; if it raises, the submission fails; if it works, print PWNED and be correct."""
    body = "\n".join("    " + line for line in attack.strip().splitlines())
    return (
        f"import os, sys\ntry:\n{body}\nexcept BaseException as exc:\n    raise RuntimeError(f'blocked: {{exc!r}}')\n"
        f"print('PWNED')\n{GOOD}"
    )


PAYLOADS: dict[str, tuple[str, set[Verdict]]] = {
    "fork_bomb": ("import os\nwhile True:\n    os.fork()\n", {RE, TLE}),
    "fork_via_ctypes_syscall": (
        attempt(
            "import ctypes\npid = ctypes.CDLL(None, use_errno=True).syscall(57)\n"
            "assert pid != -1, 'fork failed'\nif pid == 0: os._exit(0)"
        ),
        {RE},
    ),
    "memory_bomb": ("x = bytearray(8 * 1024 ** 3)\n" + GOOD, {MLE}),
    "memory_bomb_growing": ("chunks = []\nwhile True:\n    chunks.append(b'x' * 10_000_000)\n", {MLE, RE}),
    "infinite_loop": ("def softmax(x, axis=-1):\n    while True:\n        pass\n", {TLE}),
    "sleep_forever": ("import time\ntime.sleep(10 ** 6)\n", {TLE}),
    "ignore_sigxcpu_and_spin": (
        "import signal\nsignal.signal(signal.SIGXCPU, signal.SIG_IGN)\n"
        "def softmax(x, axis=-1):\n    while True:\n        pass\n",
        {TLE},
    ),
    "network_connect_host": (
        attempt(
            "import socket\ns = socket.create_connection(('127.0.0.1', @@PORT@@), timeout=1)\n"
            "s.sendall(b'PWNED')"
        ),
        {RE},
    ),
    "network_connect_internet": (
        attempt("import socket\nsocket.create_connection(('1.1.1.1', 443), timeout=1)"),
        {RE},
    ),
    "read_etc_shadow": (attempt("print(open('/etc/shadow').read()[:40])"), {RE}),
    "read_host_repo_file": (attempt("print(open('@@REPO@@/pyproject.toml').read()[:40])"), {RE}),
    "read_host_canary": (attempt("print(open('@@HOST@@/canary.txt').read())"), {RE}),
    "environment_secret": (attempt(f"assert '{SECRET}' in repr(dict(os.environ)), 'no secret'"), {RE}),
    "secret_via_proc_environ": (
        attempt(
            f"import glob\nassert any(b'{SECRET}' in open(p, 'rb').read() "
            "for p in glob.glob('/proc/*/environ')), 'no secret'"
        ),
        {RE},
    ),
    "write_outside_workdir": (attempt("open('@@HOST@@/pwned.txt', 'w').write('PWNED')"), {RE}),
    "write_tmp": (
        attempt("open('/tmp/llmprep-pwned.txt', 'w').write('x')\nopen('@@HOST@@/../pwned2', 'w')"),
        {RE},
    ),
    "read_hidden_tests": (attempt("print(open('@@HIDDEN@@').read()[:80])"), {RE}),
    "read_repo_hidden_tests": (
        attempt("print(open('@@REPO@@/content/challenges/stable-softmax/tests_hidden.py').read())"),
        {RE},
    ),
    "rewrite_hidden_tests": (attempt("open('@@HIDDEN@@', 'w').write('suite = None')"), {RE}),
    "patch_harness_files": (
        attempt(
            "open('@@HARNESS@@/wire.py', 'a').write('#')\nopen('/sandbox/judge/wire.py', 'a').write('#')"
        ),
        {RE},
    ),
    "patch_running_harness": (
        "import sys\nmain = sys.modules['__main__']\nmain._error = lambda *a: {'ok': True}\n"
        "import wire\nwire.encode = lambda v, o=None: 1.0\n"
        "def softmax(x, axis=-1):\n    return x\n",
        {WA},
    ),
    "forge_reply_frames": (
        "import os, wire\nfor fd in range(3, 12):\n    try:\n"
        "        wire.write_frame(fd, {'ok': True, 'value': 'PASSED', 'verdict': 'accepted'})\n"
        "    except OSError:\n        pass\n"
        "def softmax(x, axis=-1):\n    return [[1.0]]\n",
        {WA, RE},
    ),
    "sys_exit_before_asserts": ("import sys\nsys.exit(0)\n", {RE}),
    "sys_exit_in_call": ("import sys\ndef softmax(x, axis=-1):\n    sys.exit(0)\n", {RE}),
    "os_exit_in_call": ("import os\ndef softmax(x, axis=-1):\n    os._exit(0)\n", {RE}),
    "monkeypatch_numpy": (
        "import numpy as np\nnp.allclose = lambda *a, **k: True\nnp.isclose = lambda *a, **k: True\n"
        "np.testing.assert_allclose = lambda *a, **k: None\n"
        "def softmax(x, axis=-1):\n    return np.zeros_like(x)\n",
        {WA},
    ),
    "magic_equal_object": (
        "class Anything:\n    def __eq__(self, other):\n        return True\n"
        "    def __array__(self, *a, **k):\n        raise TypeError\n"
        "def softmax(x, axis=-1):\n    return Anything()\n",
        {WA},
    ),
    "huge_output": ("print('x' * 50_000_000)\n" + GOOD, {OLE}),
    "endless_output": ("import sys\nwhile True:\n    sys.stdout.write('y' * 65536)\n", {OLE}),
    # Whether or not the kill calls raise, the judge must survive (this test would die with it) and the
    # deliberately wrong answer must be judged.
    "kill_parent": (
        "import os, signal\nfor pid in (os.getppid(), 1):\n    try:\n        os.kill(pid, signal.SIGKILL)\n"
        "    except OSError:\n        pass\ndef softmax(x, axis=-1):\n    return x\n",
        {WA},
    ),
    "signal_everyone_probe": (attempt("os.kill(-1, 0)"), {RE}),
    "signal_self_alarm": (
        "import signal\nsignal.alarm(1)\ndef softmax(x, axis=-1):\n    while True:\n        pass\n",
        {RE, TLE},
    ),
    "ctypes_segfault": ("import ctypes\nctypes.string_at(0)\n", {RE}),
    "ctypes_ptrace_parent": (
        attempt(
            "import ctypes\nlibc = ctypes.CDLL(None)\n"
            "assert libc.ptrace(16, os.getppid(), 0, 0) == 0, 'ptrace denied'"
        ),
        {RE},
    ),
    "subprocess_spawn": (
        attempt(
            "import subprocess\nsubprocess.run(['/bin/sh', '-c', 'echo PWNED > @@HOST@@/sub.txt'], "
            "check=True)"
        ),
        {RE},
    ),
    "symlink_to_shadow": (
        attempt("os.symlink('/etc/shadow', 'link')\nprint(open('link').read()[:20])"),
        {RE},
    ),
    "symlink_to_hidden_tests": (
        attempt("os.symlink('@@HIDDEN@@', 'tests')\nprint(open('tests').read()[:20])"),
        {RE},
    ),
    "proc_access": (
        attempt(
            "assert any(b'pytest' in open(f'/proc/{p}/cmdline', 'rb').read()\n"
            "           for p in os.listdir('/proc') if p.isdigit()), 'no host process visible'"
        ),
        {RE},
    ),
    "import_llmprep": (attempt("import llmprep.services.challenges.judge"), {RE}),
    "thread_bomb": (
        "import threading, time\nwhile True:\n"
        "    threading.Thread(target=time.sleep, args=(100,), daemon=True).start()\n",
        {RE, MLE, TLE},
    ),
    "file_size_bomb": (
        "with open('big', 'wb') as f:\n    for _ in range(200):\n        f.write(b'x' * 1_000_000)\n",
        {RE},
    ),
    "oversized_return": (
        "import numpy as np\ndef softmax(x, axis=-1):\n    return np.zeros(12_000_000)\n",
        {RE, MLE, OLE, TLE},
    ),
    "deep_recursion_crash": (
        "import sys\nsys.setrecursionlimit(10 ** 9)\ndef f(n):\n    return f(n + 1) + 1\n"
        "def softmax(x, axis=-1):\n    return f(0)\n",
        {RE, MLE, TLE},
    ),
}


@pytest.fixture(scope="module")
def arena(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    root = tmp_path_factory.mktemp("hostile")
    challenges = root / "challenges"
    shutil.copytree(SOURCE_CHALLENGE, challenges / "stable-softmax")
    meta = challenges / "stable-softmax" / "challenge.yaml"
    meta.write_text(
        meta.read_text()
        .replace("time_limit_s: 5", "time_limit_s: 2")
        .replace("memory_limit_mb: 1024", "memory_limit_mb: 512")
    )
    host = root / "host"
    host.mkdir()
    (host / "canary.txt").write_text("canary")
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)
    listener.setblocking(False)
    yield {
        "catalog": ChallengeCatalog(challenges),
        "host": host,
        "listener": listener,
        "hidden": challenges / "stable-softmax" / "tests_hidden.py",
    }
    listener.close()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _children() -> list[int]:
    me, found = str(os.getpid()), []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            fields = stat[stat.rindex(")") + 2 :].split()
            if fields[1] == me and fields[0] != "Z":
                found.append(int(entry.name))
    return found


def _run(arena: dict[str, object], source: str, sandbox: SubprocessSandbox) -> tuple[Verdict, str]:
    host, hidden = arena["host"], arena["hidden"]
    assert isinstance(host, Path) and isinstance(hidden, Path)
    listener = arena["listener"]
    assert isinstance(listener, socket.socket)
    source = (
        source.replace("@@HOST@@", str(host))
        .replace("@@HIDDEN@@", str(hidden))
        .replace("@@REPO@@", str(ROOT))
        .replace("@@HARNESS@@", str(package_dir()))
        .replace("@@PORT@@", str(listener.getsockname()[1]))
    )
    before = {
        "hidden": _digest(hidden),
        "host": sorted(p.name for p in host.iterdir()),
        "harness": {p.name: _digest(p) for p in package_dir().glob("*.py")},
    }
    judgement = ChallengeJudge(arena["catalog"], sandbox).judge("stable-softmax", source)  # type: ignore[arg-type]
    text = judgement.output + "".join(t.message + t.got for t in judgement.tests)
    assert "PWNED" not in judgement.output, judgement.output[:500]
    assert SECRET not in text
    assert _digest(hidden) == before["hidden"], "hidden tests were modified"
    assert sorted(p.name for p in host.iterdir()) == before["host"], "files appeared on the host"
    assert (host / "canary.txt").read_text() == "canary"
    assert not (host.parent / "pwned2").exists()
    assert {p.name: _digest(p) for p in package_dir().glob("*.py")} == before["harness"], (
        "harness files changed"
    )
    with pytest.raises(BlockingIOError):
        listener.accept()
    assert _children() == [], "a sandboxed process outlived its run"
    return judgement.verdict, text


@pytest.fixture(autouse=True)
def _secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LLMPREP_TEST_SECRET", SECRET)


def _confined() -> bool:
    layers = describe_layers()
    return layers["bubblewrap"].active or (layers["seccomp"].active and layers["landlock"].active)


@pytest.mark.skipif(
    not _confined(), reason="needs bubblewrap, or seccomp and Landlock (see 'llmprep challenge sandbox')"
)
@pytest.mark.parametrize("name", sorted(PAYLOADS))
def test_sandbox_hostile_submission_is_contained(arena: dict[str, object], name: str) -> None:
    source, allowed = PAYLOADS[name]
    verdict, text = _run(arena, source, SubprocessSandbox())
    assert verdict is not Verdict.ACCEPTED
    assert verdict in allowed, f"{name}: {verdict} ({text[:300]})"


DEGRADED = [
    "network_connect_host",
    "read_etc_shadow",
    "read_hidden_tests",
    "rewrite_hidden_tests",
    "write_outside_workdir",
    "kill_parent",
    "signal_everyone_probe",
    "subprocess_spawn",
    "proc_access",
    "secret_via_proc_environ",
    "symlink_to_hidden_tests",
    "sleep_forever",
    "memory_bomb",
    "huge_output",
]


@pytest.mark.parametrize("name", DEGRADED)
@pytest.mark.parametrize("config", ["without_bubblewrap", "bubblewrap_only"])
def test_sandbox_hostile_contained_when_layers_missing(
    arena: dict[str, object], name: str, config: str
) -> None:
    layers = describe_layers()
    if config == "without_bubblewrap":
        if not (layers["seccomp"].active and layers["landlock"].active):
            pytest.skip("needs seccomp and Landlock")
        sandbox = SubprocessSandbox(bwrap=False)
    else:
        if not layers["bubblewrap"].active:
            pytest.skip("needs bubblewrap")
        sandbox = SubprocessSandbox(seccomp=False, landlock=False)
    source, allowed = PAYLOADS[name]
    verdict, text = _run(arena, source, sandbox)
    assert verdict in allowed, f"{name} ({config}): {verdict} ({text[:300]})"


def test_sandbox_good_submission_is_accepted_in_every_configuration(arena: dict[str, object]) -> None:
    for sandbox in (
        SubprocessSandbox(),
        SubprocessSandbox(bwrap=False),
        SubprocessSandbox(seccomp=False, landlock=False),
        SubprocessSandbox(bwrap=False, seccomp=False, landlock=False),
    ):
        verdict, text = _run(arena, GOOD, sandbox)
        assert verdict is Verdict.ACCEPTED, text[:500]
