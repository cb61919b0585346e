"""Persistence adapters: the `Store` protocol and its SQLAlchemy implementation (SQLite or PostgreSQL)."""
