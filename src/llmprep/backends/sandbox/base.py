"""The `Sandbox` port: run untrusted Python in a confined process and call its functions.

A sandbox starts one child per submission (`open_session`), imports the submission there and lets the
judge call its top-level functions and classes with data arguments (see `wire`). What the child may do is
bounded by `Limits`; how strongly it is confined is described by `LayerStatus` entries, so `llmprep
doctor` can say which layers are in force on this machine. Nothing here decides a verdict.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol

AbortReason = Literal["time_limit", "memory_limit", "output_limit", "exited", "crashed", "protocol"]


@dataclass(frozen=True, slots=True)
class Limits:
    """Resource limits of one run."""

    wall_s: float = 10.0
    cpu_s: int = 10
    memory_mb: int = 1024
    output_bytes: int = 1 << 20
    file_size_mb: int = 16
    open_files: int = 64
    processes: int = 64


@dataclass(frozen=True, slots=True)
class LayerStatus:
    """Whether one confinement layer is in force here, and why (not)."""

    active: bool
    note: str


class SubmissionRaised(Exception):
    """The submission raised while importing or while running a called function."""

    def __init__(self, type_name: str, message: str, traceback: str, *, memory: bool = False) -> None:
        super().__init__(f"{type_name}: {message}")
        self.type_name = type_name
        self.message = message
        self.traceback = traceback
        self.memory = memory


class SandboxAborted(Exception):
    """The child is gone or was killed; no further calls are possible."""

    def __init__(self, reason: AbortReason, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason: AbortReason = reason
        self.detail = detail


class Session(Protocol):
    """One live child with the submission imported."""

    layers: dict[str, str]

    def call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        """Call a top-level function or class of the submission; raises SubmissionRaised/SandboxAborted."""

    def call_method(self, handle: Any, name: str, *args: Any, **kwargs: Any) -> Any:
        """Call a method of an object that lives in the child."""

    def output(self) -> str:
        """What the submission printed so far (capped)."""

    def close(self) -> None:
        """Kill the child and remove its working directory."""


class Sandbox(Protocol):
    """Runs submissions in confined children."""

    def layers(self) -> dict[str, LayerStatus]:
        """Each confinement layer, whether it is active on this machine and a note."""

    def open_session(self, source: str, limits: Limits, extra_files: dict[str, str] | None = None) -> Session:
        """Start a child, import `source` as `solution.py`, return the session (already started)."""


def package_dir() -> Path:
    """Where the harness files live (bound read-only into the jail)."""
    return Path(__file__).resolve().parent
