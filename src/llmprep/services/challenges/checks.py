"""The tiny test harness that challenge tests are written in. It runs in the judge, never in the sandbox.

A test file (`tests_visible.py`, `tests_hidden.py`) builds a `Suite` named `suite` and registers tests
with `@suite.test("name")` or `suite.cases(...)`. A test receives `sub`, a proxy whose attributes call the
submission's functions inside the sandbox, and checks what comes back with `close`, `equal` or `ensure`.
`suite.cases` runs its inputs smallest first, so the counter-example reported is the smallest failing
one. Checks raise `Failure` carrying the input, the expected and the actual value, already formatted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from llmprep.backends.sandbox.wire import Handle

MAX_SHOWN = 700


class Failure(AssertionError):
    """A check failed; `input`, `expected` and `got` are display strings."""

    def __init__(self, message: str, *, input: Any = None, expected: Any = None, got: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.input = "" if input is None else show(input)
        self.expected = "" if expected is None else show(expected)
        self.got = "" if got is None else show(got)


def show(value: Any) -> str:
    """A short, readable rendering of a test value (arrays summarised, long text cut)."""
    if isinstance(value, str) and value.startswith("\u2063"):
        return value[1:]
    if isinstance(value, np.ndarray):
        text = f"array(shape={value.shape}, dtype={value.dtype}) " + np.array2string(
            value, precision=5, threshold=40, edgeitems=3, suppress_small=True
        )
    elif isinstance(value, tuple) and value and any(isinstance(v, np.ndarray) for v in value):
        text = "(" + ", ".join(show(v) for v in value) + ")"
    elif isinstance(value, dict) and any(isinstance(v, np.ndarray) for v in value.values()):
        text = "{" + ", ".join(f"{k!r}: {show(v)}" for k, v in value.items()) + "}"
    else:
        text = repr(value)
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 20] + " ... (truncated)"


def shown(text: str) -> str:
    """Mark a string as already formatted, so `show` prints it verbatim."""
    return "\u2063" + text


def _as_array(value: Any, what: str) -> np.ndarray[Any, Any]:
    if isinstance(value, Handle):
        raise Failure(f"{what}: expected numbers, got an object ({value.type_name})", got=value)
    try:
        arr = np.asarray(value)
    except (ValueError, TypeError) as exc:
        raise Failure(f"{what}: could not read the value as an array ({exc})", got=value) from exc
    if arr.dtype.kind not in "biufc":
        raise Failure(f"{what}: expected numbers, got dtype {arr.dtype}", got=value)
    return arr


def close(
    got: Any,
    want: Any,
    *,
    rtol: float = 1e-6,
    atol: float = 1e-8,
    what: str = "result",
    input: Any = None,
    kinds: str | None = None,
) -> None:
    """Check shape and values within `atol + rtol*|want|` (NaN must match NaN); `kinds` limits dtype kinds."""
    expected = np.asarray(want)
    actual = _as_array(got, what)
    if kinds is not None and actual.dtype.kind not in kinds:
        raise Failure(
            f"{what}: dtype {actual.dtype} is not allowed here (kinds {kinds!r})",
            input=input,
            expected=want,
            got=got,
        )
    if actual.shape != expected.shape:
        raise Failure(
            f"{what}: shape {actual.shape}, expected {expected.shape}", input=input, expected=want, got=got
        )
    if not np.allclose(actual, expected, rtol=rtol, atol=atol, equal_nan=True):
        raise Failure(
            f"{what}: {_mismatch(actual, expected, rtol, atol)}", input=input, expected=want, got=got
        )


def _mismatch(actual: np.ndarray[Any, Any], expected: np.ndarray[Any, Any], rtol: float, atol: float) -> str:
    with np.errstate(invalid="ignore", over="ignore"):
        bad = ~np.isclose(actual, expected, rtol=rtol, atol=atol, equal_nan=True)
        index = tuple(int(i) for i in np.argwhere(bad)[0]) if bad.ndim else ()
        a, e = actual[index], expected[index]
    where = f" at index {index}" if index else ""
    return (
        f"{int(bad.sum())} of {bad.size} values out of tolerance (atol={atol:g}, rtol={rtol:g}); first"
        f"{where}: expected {e!r}, got {a!r}"
    )


def equal(got: Any, want: Any, *, what: str = "result", input: Any = None) -> None:
    """Exact equality (arrays element-wise, with equal shapes)."""
    if isinstance(want, np.ndarray) or isinstance(got, np.ndarray):
        same = np.shape(got) == np.shape(want) and bool(np.all(np.asarray(got) == np.asarray(want)))
    else:
        try:
            same = bool(got == want) and type(got) is not Handle
        except Exception:
            same = False
    if not same:
        raise Failure(f"{what} differs from the expected value", input=input, expected=want, got=got)


def ensure(
    condition: bool, message: str, *, input: Any = None, expected: Any = None, got: Any = None
) -> None:
    """A property check: fail with `message` unless `condition` holds."""
    if not condition:
        raise Failure(message, input=input, expected=expected, got=got)


def _size(value: Any) -> int:
    if isinstance(value, np.ndarray):
        return int(value.size)
    if isinstance(value, str | bytes):
        return len(value)
    if isinstance(value, dict):
        return sum(_size(v) for v in value.values()) + len(value)
    if isinstance(value, list | tuple):
        return sum(_size(v) for v in value) + len(value)
    return 1


@dataclass(frozen=True, slots=True)
class Test:
    """A named test function taking the submission proxy."""

    __test__ = False

    name: str
    run: Callable[[Any], None]


class Suite:
    """The tests of one file, in registration order."""

    def __init__(self) -> None:
        self.tests: list[Test] = []

    def test(self, name: str) -> Callable[[Callable[[Any], None]], Callable[[Any], None]]:
        """Register `fn(sub)` under `name`."""

        def register(fn: Callable[[Any], None]) -> Callable[[Any], None]:
            self.tests.append(Test(name, fn))
            return fn

        return register

    def cases(
        self,
        name: str,
        inputs: Iterable[Any],
        call: Callable[[Any, Any], Any],
        expect: Callable[[Any], Any],
        *,
        rtol: float = 1e-6,
        atol: float = 1e-8,
        exact: bool = False,
        kinds: str | None = None,
    ) -> None:
        """Register a test comparing `call(sub, input)` with `expect(input)`, smallest input first."""
        ordered = sorted(inputs, key=_size)

        def run(sub: Any) -> None:
            for item in ordered:
                got = call(sub, item)
                if exact:
                    equal(got, expect(item), input=item)
                else:
                    close(got, expect(item), rtol=rtol, atol=atol, input=item, kinds=kinds)

        self.tests.append(Test(name, run))


class RemoteObject:
    """An object living in the sandbox; attribute access returns a function calling its method there."""

    def __init__(self, session: Any, handle: Handle) -> None:
        self._session, self._handle = session, handle

    def __getattr__(self, name: str) -> Callable[..., Any]:
        if name.startswith("__"):
            raise AttributeError(name)

        def method(*args: Any, **kwargs: Any) -> Any:
            return _wrap(
                self._session,
                self._session.call_method(self._handle, name, *_unwrap(args), **_unwrap_kw(kwargs)),
            )

        return method

    def __repr__(self) -> str:
        return repr(self._handle)


class Submission:
    """The proxy tests receive: `sub.fn(*args)` calls `fn` of solution.py in the sandbox."""

    def __init__(self, session: Any) -> None:
        self._session = session

    def __getattr__(self, name: str) -> Callable[..., Any]:
        if name.startswith("__"):
            raise AttributeError(name)

        def function(*args: Any, **kwargs: Any) -> Any:
            return _wrap(self._session, self._session.call(name, *_unwrap(args), **_unwrap_kw(kwargs)))

        return function


def _wrap(session: Any, value: Any) -> Any:
    if isinstance(value, Handle):
        return RemoteObject(session, value)
    if isinstance(value, tuple):
        return tuple(_wrap(session, v) for v in value)
    if isinstance(value, list) and any(isinstance(v, Handle) for v in value):
        return [_wrap(session, v) for v in value]
    return value


def _unwrap(args: tuple[Any, ...]) -> list[Any]:
    return [a._handle if isinstance(a, RemoteObject) else a for a in args]


def _unwrap_kw(kwargs: dict[str, Any]) -> dict[str, Any]:
    return {k: v._handle if isinstance(v, RemoteObject) else v for k, v in kwargs.items()}
