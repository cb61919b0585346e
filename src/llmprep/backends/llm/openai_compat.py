"""`OpenAICompatChat`: POST {base_url}/chat/completions with httpx, whole or streamed (SSE).

Timeouts are explicit (connect 5 s, read `timeout` s); connection errors, 429 and 5xx are retried with
exponential backoff up to `retries` times, and a stream only before its first delta (a half-sent answer
is never silently restarted). Errors become `UserError` naming the endpoint and the status, never the
key. Tests pass an `httpx.MockTransport`; nothing here talks to a network by itself.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator, Sequence
from typing import Any

import httpx

from llmprep.backends.llm.base import Message
from llmprep.errors import UserError

_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


class OpenAICompatChat:
    """A chat model behind an OpenAI-compatible endpoint."""

    can_stream = True
    needs_key = False
    key_env_var = "LLMPREP_LLM_KEY"

    def __init__(
        self,
        base_url: str,
        model: str,
        key: str = "",
        *,
        timeout: float = 60.0,
        retries: int = 2,
        backoff: float = 0.5,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.name = model or "default"
        self.model = model
        self.retries = retries
        self.backoff = backoff
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        self._client = httpx.Client(
            base_url=self.base_url,
            headers=headers,
            timeout=httpx.Timeout(timeout, connect=5.0),
            transport=transport,
        )

    def _body(self, messages: Sequence[Message], max_tokens: int, stream: bool) -> dict[str, Any]:
        body: dict[str, Any] = {
            "messages": list(messages),
            "max_tokens": max_tokens,
            "temperature": 0,
            "stream": stream,
        }
        if self.model:
            body["model"] = self.model
        return body

    def _fail(self, what: str) -> UserError:
        return UserError(
            f"The LLM endpoint {self.base_url} failed: {what}.",
            "Check LLMPREP_LLM_URL / LLMPREP_LLM_MODEL / LLMPREP_LLM_KEY, or unset LLMPREP_LLM_URL "
            "for offline extractive answers.",
        )

    def _sleep(self, attempt: int) -> None:
        time.sleep(self.backoff * (2**attempt))

    def complete(self, messages: Sequence[Message], *, max_tokens: int = 800) -> str:
        """The whole reply (retried on transient failures)."""
        for attempt in range(self.retries + 1):
            try:
                resp = self._client.post("/chat/completions", json=self._body(messages, max_tokens, False))
            except httpx.TransportError as exc:
                if attempt < self.retries:
                    self._sleep(attempt)
                    continue
                raise self._fail(type(exc).__name__) from exc
            if resp.status_code in _RETRY_STATUS and attempt < self.retries:
                self._sleep(attempt)
                continue
            if resp.status_code != 200:
                raise self._fail(f"HTTP {resp.status_code}")
            try:
                return str(resp.json()["choices"][0]["message"]["content"] or "")
            except (ValueError, KeyError, IndexError, TypeError) as exc:
                raise self._fail("unexpected response shape") from exc
        raise self._fail("no attempt succeeded")  # pragma: no cover (loop always returns or raises)

    def stream(self, messages: Sequence[Message], *, max_tokens: int = 800) -> Iterator[str]:
        """Text deltas from a server-sent-event stream (retried only before the first delta)."""
        for attempt in range(self.retries + 1):
            started = False
            try:
                with self._client.stream(
                    "POST", "/chat/completions", json=self._body(messages, max_tokens, True)
                ) as resp:
                    if resp.status_code in _RETRY_STATUS and attempt < self.retries:
                        self._sleep(attempt)
                        continue
                    if resp.status_code != 200:
                        raise self._fail(f"HTTP {resp.status_code}")
                    for delta in _deltas(resp.iter_lines()):
                        started = True
                        yield delta
                    return
            except httpx.TransportError as exc:
                if started or attempt >= self.retries:
                    raise self._fail(type(exc).__name__) from exc
                self._sleep(attempt)

    def close(self) -> None:
        """Close the HTTP connection pool."""
        self._client.close()


def _deltas(lines: Iterator[str]) -> Iterator[str]:
    """Content deltas of OpenAI-style SSE lines ('data: {json}' ... 'data: [DONE]')."""
    for line in lines:
        if not line.startswith("data:"):
            continue
        data = line[5:].strip()
        if data == "[DONE]":
            return
        try:
            payload = json.loads(data)
            delta = payload["choices"][0].get("delta", {}).get("content")
        except (ValueError, KeyError, IndexError, AttributeError):
            continue
        if delta:
            yield str(delta)
