"""The `ChatModel` role: messages in, text out, whole or streamed."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Protocol

Message = dict[str, str]  # {"role": "system" | "user" | "assistant", "content": "..."}


class ChatModel(Protocol):
    """A chat-completion model."""

    name: str
    can_stream: bool

    def complete(self, messages: Sequence[Message], *, max_tokens: int = 800) -> str:
        """The whole reply."""
        ...

    def stream(self, messages: Sequence[Message], *, max_tokens: int = 800) -> Iterator[str]:
        """The reply as text deltas, in order."""
        ...
