"""Sandboxes for untrusted submissions; `describe_layers()` says which confinement layers are active."""

from llmprep.backends.sandbox.base import (
    LayerStatus,
    Limits,
    Sandbox,
    SandboxAborted,
    Session,
    SubmissionRaised,
)
from llmprep.backends.sandbox.layers import describe_layers

__all__ = [
    "LayerStatus",
    "Limits",
    "Sandbox",
    "SandboxAborted",
    "Session",
    "SubmissionRaised",
    "describe_layers",
]
