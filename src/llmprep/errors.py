"""The one error hierarchy of llmprep.

Every failure a user can cause or fix is a `UserError` carrying the fix (`hint`). Edges (CLI, web) map
`LlmprepError` to a red message / one error page / one JSON shape; they never show tracebacks for these.
This module deliberately has no dependencies so that every layer may import it.
"""

from __future__ import annotations


class LlmprepError(Exception):
    """Root of every error llmprep raises on purpose."""

    status: int = 500

    def __init__(self, message: str, hint: str = "", *, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.details = details or []

    def __str__(self) -> str:
        text = self.message
        if self.hint:
            text += f"\n{self.hint}"
        return text


class UserError(LlmprepError):
    """Bad input or a missing setting: the message says what was wrong, the hint how to fix it."""

    status = 400


class NotFoundError(UserError):
    """An id that does not exist (question, attempt, challenge...)."""

    status = 404


class ContentError(UserError):
    """Invalid bank content; `details` lists every problem as 'file: item: field: message'."""

    status = 422


class InternalError(LlmprepError):
    """A bug or a broken installation: report it."""
