"""``dlexam serve``: the practice server on this machine (see :mod:`grader.serve.app`)."""

from __future__ import annotations

import click
import uvicorn


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
    uvicorn.run("grader.serve.app:app", host=host, port=port, workers=workers, server_header=False)
