"""``dlexam serve``: the practice server on this machine (see :mod:`grader.serve.app`)."""

from __future__ import annotations

import socket

import click
import uvicorn
from uvicorn.supervisors import Multiprocess

APP = "grader.serve.app:app"


class _Config(uvicorn.Config):
    """uvicorn's configuration, with a listening socket whose connections get TCP_NODELAY.

    For several workers uvicorn binds the socket itself with ``proto`` 0, and asyncio turns
    Nagle's algorithm off only for sockets that say ``IPPROTO_TCP``: every request after the
    first on a kept-alive connection (browsers, reverse proxies) then waited ~40 ms for a delayed
    ACK (uvicorn issue #3149). One worker is not affected (asyncio binds that socket)."""

    def bind_socket(self) -> socket.socket:
        bound = super().bind_socket()
        if bound.family not in (socket.AF_INET, socket.AF_INET6):
            return bound
        return socket.socket(bound.family, bound.type, socket.IPPROTO_TCP, bound.detach())


def serve(host: str, port: int, workers: int) -> None:
    """Run the app until Ctrl+C, as ``uvicorn.run`` does, with :class:`_Config`."""
    config = _Config(APP, host=host, port=port, workers=workers, server_header=False)
    try:
        if workers > 1:
            Multiprocess(config, sockets=[config.bind_socket()]).run()
        else:
            uvicorn.Server(config).run()
    except KeyboardInterrupt:
        pass


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--workers", default=1, show_default=True, type=click.IntRange(1, 64), help="Processes."
)
def serve_command(host: str, port: int, workers: int) -> None:
    """Practice in the browser: questions, instant verdicts, worked steps, progress.

    Listens on 127.0.0.1 (this machine only) unless --host says otherwise; for a class, run it
    behind a reverse proxy (README: "Practice in the browser").
    """
    click.echo(f"dlexam practice on http://{host}:{port}/ (Ctrl+C stops it)")
    serve(host, port, workers)
