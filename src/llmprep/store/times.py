"""Timestamps out of the database as aware UTC: SQLite returns naive datetimes, PostgreSQL aware ones."""

from __future__ import annotations

from datetime import UTC, datetime


def as_utc(value: datetime | None) -> datetime | None:
    """The value as aware UTC (naive values are taken to be UTC); None stays None."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def required_utc(value: datetime) -> datetime:
    """`as_utc` for a NOT NULL column."""
    out = as_utc(value)
    assert out is not None
    return out
