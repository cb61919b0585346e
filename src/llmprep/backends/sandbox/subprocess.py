"""`SubprocessSandbox`: one confined child process per submission, driven over two pipes.

Layers, outermost first: bubblewrap namespaces (when usable), rlimits set between fork and exec, a
fresh session (so the whole process group can be killed), a scrubbed environment, `python -I -S -B`,
then inside the child Landlock and seccomp (applied by the harness before the submission is imported).
The judge side reads the child's output and replies with byte budgets and a wall-clock budget that
counts only time spent waiting for the child. Deliberately not here: deciding verdicts (the judge
service does that from returned data) and any trust in what the child prints.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path
from typing import Any

from llmprep.backends.sandbox import layers as probes
from llmprep.backends.sandbox import wire
from llmprep.backends.sandbox.base import LayerStatus, Limits, SandboxAborted, SubmissionRaised, package_dir

STARTUP_ALLOWANCE_S = 8.0
SHOWN_OUTPUT = 16 * 1024
JAIL_WORK = "/sandbox/work"
JAIL_JUDGE = "/sandbox/judge"
HARNESS_FILES = ("harness.py", "wire.py", "confine.py")
SYSTEM_LIBS = ("/lib", "/lib64", "/usr/lib", "/usr/lib64")
MINIMAL_ENV = {
    "PATH": "/usr/bin:/bin",
    "LANG": "C.UTF-8",
    "LC_ALL": "C.UTF-8",
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "PYTHONIOENCODING": "utf-8",
}


def _user_process_count() -> int:
    """Processes this user already runs: RLIMIT_NPROC counts them all, so the limit is set above them."""
    uid, count = os.getuid(), 0
    if not os.path.isdir("/proc"):
        return 4096  # no /proc (macOS): leave room rather than make every fork fail
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                count += entry.stat().st_uid == uid
            except OSError:
                continue
    return count


def _set_limits(limits: Limits, nproc: int) -> None:  # runs in the child between fork and exec
    mib = 1024 * 1024
    resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_s, limits.cpu_s + 1))
    resource.setrlimit(resource.RLIMIT_AS, (limits.memory_mb * mib, limits.memory_mb * mib))
    resource.setrlimit(resource.RLIMIT_FSIZE, (limits.file_size_mb * mib, limits.file_size_mb * mib))
    resource.setrlimit(resource.RLIMIT_NOFILE, (limits.open_files, limits.open_files))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_NPROC, (nproc, nproc))


def _numpy_paths() -> list[str]:
    import numpy

    pkg = Path(numpy.__file__).resolve().parent
    return [str(p) for p in (pkg, pkg.parent / "numpy.libs") if p.exists()]


class SubprocessSandbox:
    """Runs each submission in a fresh, confined `python` child; see the module docstring."""

    def __init__(self, *, bwrap: bool = True, seccomp: bool = True, landlock: bool = True) -> None:
        self._bwrap = probes.bwrap_path() if bwrap else None
        self._seccomp_lib = probes.seccomp_library() if seccomp else None
        self._landlock = landlock and probes.landlock_abi() > 0

    def layers(self) -> dict[str, LayerStatus]:
        """Each layer and whether this instance uses it."""
        found = probes.describe_layers()
        bwrap, seccomp = self._bwrap is not None, self._seccomp_lib is not None
        used = {
            "bubblewrap": bwrap,
            "seccomp": seccomp,
            "landlock": self._landlock,
            "no_network": bwrap or seccomp,
            "host_files_private": bwrap or self._landlock,
        }
        return {
            name: LayerStatus(
                status.active and used.get(name, True),
                status.note if used.get(name, True) else "disabled for this sandbox",
            )
            for name, status in found.items()
        }

    def open_session(
        self, source: str, limits: Limits, extra_files: dict[str, str] | None = None
    ) -> SubprocessSession:
        """Start a child with `source` as solution.py (plus `extra_files`) and wait for its hello."""
        workdir = Path(tempfile.mkdtemp(prefix="llmprep-run-"))
        for name, text in {**(extra_files or {}), "solution.py": source}.items():
            (workdir / name).write_text(text, encoding="utf-8")
        req_r, req_w = os.pipe()
        resp_r, resp_w = os.pipe()
        try:
            argv = self._argv(workdir, req_r, resp_w)
            nproc = _user_process_count() + limits.processes
            proc = subprocess.Popen(
                argv,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                env={**MINIMAL_ENV, "HOME": self._inside(workdir), "TMPDIR": self._inside(workdir)},
                cwd=workdir,
                pass_fds=(req_r, resp_w),
                start_new_session=True,
                preexec_fn=partial(_set_limits, limits, nproc),
            )
        except BaseException:
            for fd in (req_r, req_w, resp_r, resp_w):
                os.close(fd)
            shutil.rmtree(workdir, ignore_errors=True)
            raise
        finally:
            if "proc" in locals():
                os.close(req_r)
                os.close(resp_w)
        session = SubprocessSession(proc, workdir, req_w, resp_r, limits, self._bwrap is not None)
        try:
            session.start()
        except BaseException:
            session.close()
            raise
        return session

    def _inside(self, workdir: Path) -> str:
        return JAIL_WORK if self._bwrap else str(workdir)

    def _argv(self, workdir: Path, fd_in: int, fd_out: int) -> list[str]:
        python = os.path.realpath(sys.executable)
        prefix = os.path.realpath(sys.base_prefix)
        numpy_paths = _numpy_paths()
        pyseccomp = probes.pyseccomp_file() if self._seccomp_lib else None
        judge = JAIL_JUDGE if self._bwrap else str(package_dir())
        sys_path = sorted(
            {str(Path(numpy_paths[0]).parent)} | ({str(Path(pyseccomp).parent)} if pyseccomp else set())
        )
        read = [prefix, *numpy_paths, *SYSTEM_LIBS, judge, "/dev/urandom"] + (
            [pyseccomp] if pyseccomp else []
        )
        config: dict[str, Any] = {
            "fd_in": fd_in,
            "fd_out": fd_out,
            "workdir": self._inside(workdir),
            "submission": f"{self._inside(workdir)}/solution.py",
            "sys_path": sys_path,
            "preload_numpy": True,
            "landlock": {"read": read, "write": [self._inside(workdir), "/dev/null"]}
            if self._landlock
            else None,
            "seccomp_lib": self._seccomp_lib,
        }
        child = [python, "-I", "-S", "-B", f"{judge}/harness.py", json.dumps(config)]
        if not self._bwrap:
            return child
        jail = [
            self._bwrap,
            "--unshare-user",
            "--unshare-pid",
            "--unshare-net",
            "--unshare-ipc",
            "--unshare-uts",
            "--unshare-cgroup-try",
            "--die-with-parent",
            "--new-session",
            "--cap-drop",
            "ALL",
            "--ro-bind",
            prefix,
            prefix,
        ]
        for lib in SYSTEM_LIBS:
            if os.path.islink(lib):
                jail += ["--symlink", os.readlink(lib), lib]
            elif os.path.isdir(lib):
                jail += ["--ro-bind", lib, lib]
        for path in [*numpy_paths, *([pyseccomp] if pyseccomp else [])]:
            jail += ["--ro-bind", path, path]
        for name in HARNESS_FILES:
            jail += ["--ro-bind", str(package_dir() / name), f"{JAIL_JUDGE}/{name}"]
        jail += [
            "--dev",
            "/dev",
            "--proc",
            "/proc",
            "--tmpfs",
            "/tmp",
            "--bind",
            str(workdir),
            JAIL_WORK,
            "--chdir",
            JAIL_WORK,
            "--",
        ]
        return jail + child


class SubprocessSession:
    """A live child: `call` sends one request and waits for its reply within the remaining budget."""

    def __init__(
        self,
        proc: subprocess.Popen[bytes],
        workdir: Path,
        fd_req: int,
        fd_resp: int,
        limits: Limits,
        jailed: bool,
    ) -> None:
        self.layers: dict[str, str] = {}
        self._proc, self._workdir, self._limits, self._jailed = proc, workdir, limits, jailed
        self._fd_req, self._fd_resp = fd_req, fd_resp
        assert proc.stdout is not None
        self._fd_out = proc.stdout.fileno()
        for fd in (fd_req, fd_resp, self._fd_out):
            os.set_blocking(fd, False)
        self._inbox = bytearray()
        self._shown = bytearray()
        self._out_total = 0
        self._budget = limits.wall_s
        self._dead: SandboxAborted | None = None
        self._open_out = True
        self._selector = selectors.DefaultSelector()
        self._selector.register(fd_resp, selectors.EVENT_READ)
        self._selector.register(self._fd_out, selectors.EVENT_READ)

    def start(self) -> None:
        """Wait for the harness's hello; raise SubmissionRaised if importing the submission failed."""
        hello = self._exchange(None, extra_time=STARTUP_ALLOWANCE_S)
        layers = hello.get("layers")
        self.layers = {str(k): str(v) for k, v in layers.items()} if isinstance(layers, dict) else {}
        self._raise_if_error(hello)

    def call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        """Call a top-level function or class of the submission."""
        return self._request(
            {"name": name, "handle": None, "args": wire.encode(list(args)), "kwargs": wire.encode(kwargs)}
        )

    def call_method(self, handle: Any, name: str, *args: Any, **kwargs: Any) -> Any:
        """Call a method of an object living in the child."""
        if not isinstance(handle, wire.Handle):
            raise TypeError("call_method needs a handle returned by the sandbox")
        return self._request(
            {
                "name": name,
                "handle": handle.id,
                "args": wire.encode(list(args)),
                "kwargs": wire.encode(kwargs),
            }
        )

    def output(self) -> str:
        """The first bytes the submission printed (stdout and stderr interleaved)."""
        text = self._shown.decode("utf-8", "replace")
        return text + ("\n[... output truncated]" if self._out_total > len(self._shown) else "")

    def close(self) -> None:
        """Kill the child's process group, close the pipes and delete the working directory."""
        self._kill()
        self._selector.close()
        for fd in (self._fd_req, self._fd_resp):
            with contextlib.suppress(OSError):
                os.close(fd)
        if self._proc.stdout is not None:
            self._proc.stdout.close()
        if sys.version_info >= (3, 12):
            shutil.rmtree(self._workdir, onexc=_force_remove)
        else:
            shutil.rmtree(self._workdir, onerror=_force_remove)

    def __enter__(self) -> SubprocessSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _request(self, request: dict[str, Any]) -> Any:
        reply = self._exchange(wire.dumps(request))
        self._raise_if_error(reply)
        try:
            return wire.decode(reply.get("value"))
        except (wire.WireError, ValueError, TypeError, RecursionError) as exc:
            raise SubmissionRaised("ProtocolError", f"the reply could not be decoded: {exc}", "") from exc

    @staticmethod
    def _raise_if_error(reply: dict[str, Any]) -> None:
        if reply.get("ok") is not True:
            raise SubmissionRaised(
                str(reply.get("type", "Error"))[:200],
                str(reply.get("message", ""))[:2000],
                str(reply.get("traceback", ""))[:4000],
                memory=reply.get("memory") is True,
            )

    def _exchange(self, outgoing: bytes | None, extra_time: float = 0.0) -> dict[str, Any]:
        if self._dead is not None:
            raise self._dead
        pending = memoryview(outgoing or b"")
        started = time.monotonic()
        deadline = started + self._budget + extra_time
        selector = self._selector
        try:
            while True:
                frame = self._next_frame()
                if frame is not None:
                    return frame
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise self._abort(
                        "time_limit", f"wall-clock budget of {self._limits.wall_s:g} s exhausted"
                    )
                if pending:
                    pending = self._send(pending, selector)
                events = selector.select(min(remaining, 0.25))
                for key, _ in events:
                    if key.fd == self._fd_out:
                        self._read_output(selector)
                    elif key.fd == self._fd_resp:
                        self._read_reply()
                    elif pending:
                        pending = self._send(pending, selector)
                # EOF on the reply pipe reports a death; this catches a child gone while something it
                # started still holds the pipe open.
                if not events and self._proc.poll() is not None and not selector.select(0):
                    raise self._death()
        finally:
            if self._fd_req in selector.get_map():
                selector.unregister(self._fd_req)
            if extra_time == 0.0:
                self._budget -= time.monotonic() - started

    def _send(self, pending: memoryview, selector: selectors.BaseSelector) -> memoryview:
        try:
            pending = pending[os.write(self._fd_req, pending) :]
        except BlockingIOError:
            pass
        except BrokenPipeError:
            return memoryview(b"")
        wanted = self._fd_req in selector.get_map()
        if pending and not wanted:
            selector.register(self._fd_req, selectors.EVENT_WRITE)
        elif not pending and wanted:
            selector.unregister(self._fd_req)
        return pending

    def _read_output(self, selector: selectors.BaseSelector) -> None:
        try:
            chunk = os.read(self._fd_out, 65536)
        except BlockingIOError:
            return
        if not chunk:
            selector.unregister(self._fd_out)
            self._open_out = False
            return
        self._out_total += len(chunk)
        self._shown += chunk[: max(0, SHOWN_OUTPUT - len(self._shown))]
        if self._out_total > self._limits.output_bytes:
            raise self._abort("output_limit", f"printed more than {self._limits.output_bytes} bytes")

    def _read_reply(self) -> None:
        try:
            chunk = os.read(self._fd_resp, 1 << 20)
        except BlockingIOError:
            return
        if not chunk:
            raise self._death()
        self._inbox += chunk
        if len(self._inbox) > wire.MAX_FRAME + wire.HEADER.size:
            raise self._abort("output_limit", "a reply exceeded the frame limit")

    def _next_frame(self) -> dict[str, Any] | None:
        if len(self._inbox) < wire.HEADER.size:
            return None
        (size,) = wire.HEADER.unpack(self._inbox[: wire.HEADER.size])
        if size > wire.MAX_FRAME:
            raise self._abort("output_limit", "a reply exceeded the frame limit")
        end = wire.HEADER.size + size
        if len(self._inbox) < end:
            return None
        body = bytes(self._inbox[wire.HEADER.size : end])
        del self._inbox[:end]
        try:
            return wire.loads(body)
        except wire.WireError as exc:
            raise self._abort("protocol", str(exc)) from exc

    def _abort(self, reason: Any, detail: str) -> SandboxAborted:
        self._kill()
        self._dead = SandboxAborted(reason, detail)
        return self._dead

    def _death(self) -> SandboxAborted:
        """Why the child went away: a signal from a limit, a crash, or a plain exit."""
        try:
            code = self._proc.wait(timeout=3)
        except subprocess.TimeoutExpired:
            self._kill()
            code = self._proc.wait()
        self._drain_output()
        sig = -code if code < 0 else (code - 128 if self._jailed and code > 128 else 0)
        if sig in (signal.SIGXCPU, signal.SIGKILL):
            dead = SandboxAborted("time_limit", f"killed by {signal.Signals(sig).name} (CPU time limit)")
        elif sig:
            name = signal.Signals(sig).name if sig in signal.valid_signals() else str(sig)
            dead = SandboxAborted("crashed", f"the process died from signal {name}")
        else:
            dead = SandboxAborted("exited", f"the process exited (status {code}) before answering")
        self._kill()
        self._dead = dead
        return dead

    def _drain_output(self) -> None:
        while self._open_out and len(self._shown) < SHOWN_OUTPUT:
            try:
                chunk = os.read(self._fd_out, 65536)
            except (BlockingIOError, OSError):
                return
            if not chunk:
                return
            self._out_total += len(chunk)
            self._shown += chunk[: max(0, SHOWN_OUTPUT - len(self._shown))]

    def _kill(self) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self._proc.pid, signal.SIGKILL)
        try:
            self._proc.kill()
            self._proc.wait(timeout=5)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            pass


def _force_remove(func: Any, path: str, _exc: Any) -> None:
    """rmtree helper: a submission may have removed permissions from its own files."""
    try:
        os.chmod(os.path.dirname(path), 0o700)
        os.chmod(path, 0o700)
        func(path)
    except OSError:
        pass
