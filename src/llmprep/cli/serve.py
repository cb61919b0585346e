"""`llmprep serve`: run the web app with uvicorn, after checking the port is free and the bank loads."""

from __future__ import annotations

import errno
import socket
from typing import Annotated

import typer

from llmprep.cli.context import services_of
from llmprep.cli.output import out
from llmprep.errors import UserError


def port_free(host: str, port: int) -> bool:
    """True when nothing listens on host:port."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as exc:
            if exc.errno in (errno.EADDRINUSE, errno.EACCES):
                return False
            raise
    return True


def serve(
    ctx: typer.Context,
    host: Annotated[str | None, typer.Option(help="Address to listen on [default: 127.0.0.1]")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on [default: 8000]")] = None,
) -> None:
    """Start the web app (http://127.0.0.1:8000 by default)."""
    import uvicorn

    from llmprep.web.app import create_app

    services = services_of(ctx)
    host = host or services.settings.host
    port = port if port is not None else services.settings.port
    if not port_free(host, port):
        raise UserError(
            f"Port {port} on {host} is already in use (is llmprep already running?).",
            "Open the running app, stop the other server, or choose another port: "
            f"llmprep serve --port {port + 1}",
        )
    bank = services.bank
    _ = services.user  # migrate the database and create the local user before the first request
    out.print(f"[bold]llmprep[/] serving {len(bank.items)} questions from {services.settings.content_dir}")
    out.print(f"Data in {services.settings.home} · open [link]http://{host}:{port}[/link]  (Ctrl+C stops)")
    app = create_app(services)
    services.tutor.index_in_background()  # first run embeds the bank once; the Ask page says when it is ready
    uvicorn.run(app, host=host, port=port, log_level="warning")
