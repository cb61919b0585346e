"""The judge <-> harness wire format: faithful round trips for data, refusal of anything else."""

from __future__ import annotations

import numpy as np
import pytest

from llmprep.backends.sandbox import wire
from llmprep.backends.sandbox.layers import describe_layers


def roundtrip(value: object) -> object:
    return wire.decode(wire.loads(wire.dumps({"v": wire.encode(value)})[wire.HEADER.size :])["v"])


def test_sandbox_wire_round_trips_data() -> None:
    value = {"a": [1, 2.5, None, True, "x"], (1, 2): (3, b"\x00\xff"), "nan": float("nan")}
    back = roundtrip(value)
    assert (
        isinstance(back, dict) and back[(1, 2)] == (3, b"\x00\xff") and back["a"] == [1, 2.5, None, True, "x"]
    )
    arr = np.arange(12, dtype=np.float32).reshape(3, 4)
    out = roundtrip(arr)
    assert isinstance(out, np.ndarray) and out.dtype == np.float32 and np.array_equal(out, arr)
    scalar = roundtrip(np.int8(-3))
    assert isinstance(scalar, np.int8) and scalar == -3


def test_sandbox_wire_objects_become_handles_and_references_resolve() -> None:
    objects: dict[int, object] = {}
    thing = object()
    handle = wire.decode(wire.encode(thing, objects))
    assert isinstance(handle, wire.Handle) and handle.type_name == "object"
    assert wire.decode(wire.encode(handle), objects) is thing


@pytest.mark.parametrize(
    "data",
    [
        {"__nd__": ["|O", [1], "AA==", False]},
        {"__nd__": ["<f8", [2], "AAAAAAAAAAA=", False]},
        {"__ref__": 1},
        {"__pickle__": "x"},
        {"__dict__": [[[1], 2]]},
    ],
)
def test_sandbox_wire_refuses_unsafe_or_malformed_values(data: object) -> None:
    with pytest.raises(wire.WireError):
        wire.decode(data)


def test_sandbox_wire_refuses_non_json_frames() -> None:
    with pytest.raises(wire.WireError):
        wire.loads(b"\xff\xfe")
    with pytest.raises(wire.WireError):
        wire.loads(b"[1, 2]")


def test_sandbox_layers_always_report_the_basic_layers() -> None:
    layers = describe_layers()
    for name in (
        "rlimits",
        "wall_timeout",
        "output_cap",
        "workdir",
        "clean_env",
        "bubblewrap",
        "seccomp",
        "landlock",
    ):
        assert name in layers and layers[name].note
    assert all(layers[n].active for n in ("rlimits", "wall_timeout", "output_cap"))


def test_sandbox_layers_of_an_instance_reflect_disabled_layers() -> None:
    from llmprep.backends.sandbox.subprocess import SubprocessSandbox

    layers = SubprocessSandbox(bwrap=False, seccomp=False, landlock=False).layers()
    assert not any(
        layers[n].active for n in ("bubblewrap", "seccomp", "landlock", "no_network", "host_files_private")
    )
    assert layers["rlimits"].active and layers["verdict_in_judge"].active
