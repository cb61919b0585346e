"""Which confinement layers this machine offers, probed once per process.

Always active: rlimits, the wall-clock timeout, the output cap, the throw-away working directory, the
scrubbed environment and `python -I -S`. Optional: bubblewrap (namespaces), seccomp (through
`pyseccomp` and the system's libseccomp) and Landlock (kernel 5.13+). A missing optional layer is
reported, never fatal: the judge still runs with what is left.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

from llmprep.backends.sandbox.base import LayerStatus

ALWAYS_ON = {
    "rlimits": "CPU seconds, address space, file size, processes and open files capped before exec",
    "wall_timeout": "the whole process group is killed when the wall-clock budget runs out",
    "output_cap": "the judge reads at most a fixed number of bytes of output",
    "workdir": "a fresh temporary working directory, deleted after the run",
    "clean_env": "the child gets a minimal environment with no secrets",
    "isolated_python": "python -I -S -B: no site-packages, user site or PYTHON* variables",
    "verdict_in_judge": "tests and expected values stay in the judge process; the child only returns data",
}


@functools.cache
def bwrap_path() -> str | None:
    """The bubblewrap binary if it exists and can create the namespaces we need here."""
    path = shutil.which("bwrap")
    if path is None or not sys.platform.startswith("linux"):
        return None
    probe = [
        path,
        "--unshare-user",
        "--unshare-pid",
        "--unshare-net",
        "--unshare-ipc",
        "--die-with-parent",
        "--ro-bind",
        "/",
        "/",
        "--proc",
        "/proc",
        "--dev",
        "/dev",
        "true",
    ]
    try:
        done = subprocess.run(probe, capture_output=True, timeout=10, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return path if done.returncode == 0 else None


@functools.cache
def seccomp_library() -> str | None:
    """Full path of libseccomp when the `pyseccomp` binding and the library both load."""
    if not sys.platform.startswith("linux") or importlib.util.find_spec("pyseccomp") is None:
        return None
    try:
        import pyseccomp  # type: ignore[import-untyped]  # noqa: F401  # loads libseccomp into this process
    except Exception:
        return None
    for line in Path("/proc/self/maps").read_text().splitlines():
        if "libseccomp" in line and "/" in line:
            return line[line.index("/") :].strip()
    return "libseccomp.so.2"


def pyseccomp_file() -> str | None:
    """The source file of the pyseccomp module (bound read-only into the jail)."""
    spec = importlib.util.find_spec("pyseccomp")
    return spec.origin if spec is not None and spec.origin else None


@functools.cache
def landlock_abi() -> int:
    """The Landlock ABI version of the running kernel (0 when absent)."""
    if not sys.platform.startswith("linux"):
        return 0
    from llmprep.backends.sandbox.confine import landlock_abi as probe

    try:
        return probe()
    except (OSError, AttributeError):
        return 0


def describe_layers() -> dict[str, LayerStatus]:
    """Layer name -> whether it is active here and a note (for `llmprep doctor`)."""
    layers = {name: LayerStatus(True, note) for name, note in ALWAYS_ON.items()}
    bwrap = bwrap_path()
    layers["bubblewrap"] = LayerStatus(
        bwrap is not None,
        f"{bwrap}: new user, pid, net, ipc and uts namespaces; only Python, NumPy and system libraries "
        "bound read-only; private /tmp and /proc"
        if bwrap
        else "bwrap missing or user namespaces disabled: no private filesystem view or network namespace "
        "(install the 'bubblewrap' package)",
    )
    lib = seccomp_library()
    layers["seccomp"] = LayerStatus(
        lib is not None,
        f"pyseccomp + {lib}: no fork/exec, sockets, ptrace, signals to other processes or admin calls"
        if lib
        else "pyseccomp or libseccomp missing (apt install libseccomp2; uv add pyseccomp)",
    )
    abi = landlock_abi()
    layers["landlock"] = LayerStatus(
        abi > 0,
        f"ABI {abi}: read only Python, NumPy and system libraries, write only the work dir, no TCP"
        + (", no signals outside the sandbox" if abi >= 6 else "")
        if abi
        else "kernel without Landlock (needs Linux 5.13+ with landlock in the LSM list)",
    )
    network = layers["bubblewrap"].active or layers["seccomp"].active
    layers["no_network"] = LayerStatus(
        network,
        "own network namespace and/or sockets denied by seccomp"
        if network
        else "network reachable: neither bubblewrap nor seccomp",
    )
    private = layers["bubblewrap"].active or layers["landlock"].active
    layers["host_files_private"] = LayerStatus(
        private,
        "the child cannot read host files, other challenges' hidden tests or llmprep's data"
        if private
        else "no bubblewrap and no Landlock: the child can read whatever this user can (hidden tests included)",
    )
    if os.geteuid() == 0 and not layers["bubblewrap"].active:
        layers["rlimits"] = LayerStatus(
            True, ALWAYS_ON["rlimits"] + " (running as root: process limit ignored)"
        )
    return layers
