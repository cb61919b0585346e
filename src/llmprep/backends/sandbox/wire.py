"""The wire format between the judge and the sandboxed harness: length-prefixed JSON frames.

Both sides import this module (the harness from a read-only bind, with `python -I -S`), so it uses the
standard library only, and NumPy when it can be imported. Values are data, never code: None, bool, int,
float (NaN and infinities allowed), str, bytes, list, tuple, dict, NumPy arrays of numeric or bool dtype
and NumPy scalars. Anything else the submission returns stays in the child and travels as an opaque
handle (`{"__obj__": id}`), so the judge never unpickles or evaluates what the child sends.
Decoding refuses object dtypes, oversized arrays and unknown tags: a hostile child can send garbage,
which becomes a runtime error, but never code the judge runs.
"""

from __future__ import annotations

import base64
import json
import os
import struct
from typing import Any

try:  # the harness may run where NumPy is missing; values then exclude arrays
    import numpy as np
except ImportError:  # pragma: no cover - NumPy is a dependency of llmprep
    np = None  # type: ignore[assignment]

HEADER = struct.Struct(">I")
MAX_FRAME = 64 * 1024 * 1024
_DTYPES = frozenset("?bBhHiIlLqQefdgFD")


class WireError(Exception):
    """A frame that is malformed, too large or carries a value the format does not allow."""


class Handle:
    """A reference to an object that lives in the child (an instance of a submitted class)."""

    __slots__ = ("id", "type_name")

    def __init__(self, id: int, type_name: str) -> None:
        self.id = id
        self.type_name = type_name

    def __repr__(self) -> str:
        return f"<{self.type_name} object in the sandbox>"


def encode(value: Any, objects: dict[int, Any] | None = None) -> Any:
    """Turn a value into JSON-able data; unknown objects become handles registered in `objects`."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value
    if isinstance(value, Handle):
        return {"__ref__": value.id}
    if isinstance(value, bytes | bytearray):
        return {"__bytes__": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, list):
        return [encode(v, objects) for v in value]
    if isinstance(value, tuple):
        return {"__tuple__": [encode(v, objects) for v in value]}
    if isinstance(value, dict):
        return {"__dict__": [[encode(k, objects), encode(v, objects)] for k, v in value.items()]}
    if np is not None and isinstance(value, np.ndarray | np.generic):
        arr = np.asarray(value)
        if arr.dtype.char in _DTYPES:
            data = base64.b64encode(np.ascontiguousarray(arr).tobytes()).decode("ascii")
            return {"__nd__": [arr.dtype.str, list(arr.shape), data, isinstance(value, np.generic)]}
    if objects is None:
        raise WireError(f"cannot send a value of type {type(value).__name__}")
    key = id(value)
    objects[key] = value
    return {"__obj__": key, "type": type(value).__name__[:80]}


def decode(data: Any, objects: dict[int, Any] | None = None) -> Any:
    """Inverse of `encode`; `objects` resolves references when decoding in the child."""
    if data is None or isinstance(data, bool | int | float | str):
        return data
    if isinstance(data, list):
        return [decode(v, objects) for v in data]
    if not isinstance(data, dict) or len(data) not in (1, 2):
        raise WireError("malformed value")
    if "__tuple__" in data:
        return tuple(decode(v, objects) for v in _list(data["__tuple__"]))
    if "__dict__" in data:
        pairs = [_list(p) for p in _list(data["__dict__"])]
        if any(len(p) != 2 for p in pairs):
            raise WireError("malformed dict")
        return {_hashable(decode(k, objects)): decode(v, objects) for k, v in pairs}
    if "__bytes__" in data:
        return base64.b64decode(str(data["__bytes__"]), validate=True)
    if "__nd__" in data:
        return _decode_array(_list(data["__nd__"]))
    if "__obj__" in data:
        return Handle(int(data["__obj__"]), str(data.get("type", "object")))
    if "__ref__" in data:
        if objects is None or data["__ref__"] not in objects:
            raise WireError("unknown object reference")
        return objects[data["__ref__"]]
    raise WireError("unknown tag in value")


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise WireError("malformed value: expected a list")
    return value


def _hashable(key: Any) -> Any:
    try:
        hash(key)
    except TypeError as exc:
        raise WireError("unhashable dict key") from exc
    return key


def _decode_array(spec: list[Any]) -> Any:
    if np is None or len(spec) != 4:
        raise WireError("malformed array")
    dtype_str, shape, data, is_scalar = spec
    dtype = np.dtype(str(dtype_str))
    if dtype.char not in _DTYPES or not all(isinstance(n, int) and n >= 0 for n in _list(shape)):
        raise WireError("array dtype or shape not allowed")
    raw = base64.b64decode(str(data), validate=True)
    count = 1
    for n in shape:
        count *= n
    if count * dtype.itemsize != len(raw):
        raise WireError("array size does not match its shape")
    arr = np.frombuffer(raw, dtype=dtype).reshape(shape).copy()
    return arr[()] if is_scalar else arr


def dumps(message: dict[str, Any]) -> bytes:
    """One frame: 4-byte big-endian length, then UTF-8 JSON."""
    body = json.dumps(message, allow_nan=True, separators=(",", ":")).encode("utf-8")
    if len(body) > MAX_FRAME:
        raise WireError(f"message of {len(body)} bytes exceeds the {MAX_FRAME}-byte frame limit")
    return HEADER.pack(len(body)) + body


def loads(body: bytes) -> dict[str, Any]:
    """Parse one frame body into a message dict."""
    try:
        message = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise WireError("frame is not valid JSON") from exc
    if not isinstance(message, dict):
        raise WireError("frame is not a JSON object")
    return message


def write_frame(fd: int, message: dict[str, Any]) -> None:
    """Write a whole frame to a blocking file descriptor."""
    view = memoryview(dumps(message))
    while view:
        view = view[os.write(fd, view) :]


def read_frame(fd: int) -> dict[str, Any] | None:
    """Read one frame from a blocking descriptor; None at end of file."""
    header = _read_exactly(fd, HEADER.size)
    if header is None:
        return None
    (size,) = HEADER.unpack(header)
    if size > MAX_FRAME:
        raise WireError("frame too large")
    body = _read_exactly(fd, size)
    if body is None:
        raise WireError("truncated frame")
    return loads(body)


def _read_exactly(fd: int, size: int) -> bytes | None:
    chunks: list[bytes] = []
    remaining = size
    while remaining:
        chunk = os.read(fd, min(remaining, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)
