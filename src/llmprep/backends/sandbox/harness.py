"""The child side of a sandboxed run: confine this process, import the submission, serve calls.

Started by `SubprocessSandbox` as `python -I -S -B harness.py CONFIG_JSON`. It talks to the judge over
two pipes the judge opened before this process existed (the fds are in the config); stdout and stderr
belong to the submission and are only shown to the user. The harness never decides a verdict: it
returns what the submission's functions return, and the judge, in its own process, compares them with
expectations the child never sees. A submission that tampers with this harness can therefore only
make its own answers wrong or missing, never "accepted".
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import resource
import sys
import traceback
from typing import Any


def _trim_traceback(exc: BaseException, submission: str) -> str:
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == submission]
    lines = traceback.format_list(frames) + traceback.format_exception_only(type(exc), exc)
    return "".join(lines)[-4000:]


def _error(exc: BaseException, submission: str) -> dict[str, Any]:
    return {
        "ok": False,
        "type": type(exc).__name__,
        "message": str(exc)[:2000],
        "traceback": _trim_traceback(exc, submission),
        "memory": isinstance(exc, MemoryError),
    }


def _confine(config: dict[str, Any]) -> dict[str, str]:
    """Import what confinement needs, then apply Landlock, then seccomp; return a note per layer."""
    confine = importlib.import_module("confine")  # sibling module: the judge put this folder on sys.path
    notes: dict[str, str] = {}
    pyseccomp: Any = None
    seccomp_lib = config.get("seccomp_lib")
    if seccomp_lib:
        import ctypes.util

        known = {"c": "libc.so.6", "seccomp": seccomp_lib}
        ctypes.util.find_library = lambda name: known.get(name)  # no ldconfig subprocess in the jail
        try:  # imported before Landlock closes the filesystem
            pyseccomp = importlib.import_module("pyseccomp")
        except Exception as exc:  # a missing or broken binding degrades the layer, it does not stop the run
            notes["seccomp"] = f"pyseccomp unusable: {exc}"
    landlock = config.get("landlock")
    if landlock is not None:
        notes["landlock"] = confine.apply_landlock(landlock["read"], landlock["write"]) or "active"
    if pyseccomp is not None:
        notes["seccomp"] = confine.apply_seccomp(pyseccomp) or "active"
    return notes


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _flush() -> None:
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):  # the submission may have replaced or closed its streams
            stream.flush()


def _load_submission(path: str) -> Any:
    import importlib.util

    spec = importlib.util.spec_from_file_location("solution", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules["solution"] = module
    spec.loader.exec_module(module)
    return module


def _serve(module: Any, fd_in: int, fd_out: int, submission: str) -> None:
    wire = importlib.import_module("wire")
    objects: dict[int, Any] = {}
    while True:
        request = wire.read_frame(fd_in)
        if request is None:
            return
        try:
            args = wire.decode(request.get("args", []), objects)
            kwargs = wire.decode(request.get("kwargs", {"__dict__": []}), objects)
            target = objects[request["handle"]] if request.get("handle") is not None else module
            name = str(request["name"])
            func = getattr(target, name, None)
            if not callable(func):
                raise AttributeError(f"solution.py defines no function or class named {name!r}")
            reply: dict[str, Any] = {"ok": True, "value": wire.encode(func(*args, **kwargs), objects)}
        except BaseException as exc:  # the submission's failure is data for the judge
            if isinstance(exc, SystemExit | KeyboardInterrupt):
                reply = {
                    "ok": False,
                    "type": "SystemExit",
                    "message": "the submission called exit",
                    "traceback": "",
                    "memory": False,
                }
            else:
                reply = _error(exc, submission)
        _flush()
        try:
            frame = wire.dumps(reply)
        except (wire.WireError, ValueError, RecursionError) as exc:
            frame = wire.dumps(
                {
                    "ok": False,
                    "type": "ValueError",
                    "message": f"cannot return this value: {exc}",
                    "traceback": "",
                    "memory": False,
                }
            )
        _write_all(fd_out, frame)


def main() -> None:
    """Confine, load, serve; every failure is reported over the reply pipe."""
    config = json.loads(sys.argv[1])
    fd_in, fd_out, submission = int(config["fd_in"]), int(config["fd_out"]), str(config["submission"])
    sys.path.extend([*config["sys_path"], os.path.dirname(os.path.abspath(__file__))])  # after the stdlib
    wire = importlib.import_module("wire")
    if config.get("preload_numpy"):
        import numpy  # noqa: F401  # before confinement, so the jail need not allow its lazy loads
    nproc = config.get("nproc")
    if nproc:
        resource.setrlimit(resource.RLIMIT_NPROC, (nproc, nproc))
    os.chdir(config["workdir"])
    layers = _confine(config)
    hello: dict[str, Any] = {"ok": True, "layers": layers}
    sys.argv = [submission]
    try:
        module = _load_submission(submission)
    except BaseException as exc:
        module = None
        hello = {**_error(exc, submission), "layers": layers, "import": True}
        if isinstance(exc, SystemExit):
            hello["type"] = "SystemExit"
    _flush()
    wire.write_frame(fd_out, hello)
    if module is not None:
        _serve(module, fd_in, fd_out, submission)


if __name__ == "__main__":
    main()
