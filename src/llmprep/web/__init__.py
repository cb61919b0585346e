"""Web edge of llmprep: FastAPI, server-rendered Jinja2 pages, HTMX partials, and a JSON API under /api."""
