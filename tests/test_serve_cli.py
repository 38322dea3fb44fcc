"""``dlexam serve`` as a command: one or several worker processes on loopback."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
from pathlib import Path

from grader.serve.cli import APP, _Config


def test_connections_of_several_workers_turn_nagle_off() -> None:
    """Kept-alive requests must not wait ~40 ms for a delayed ACK (uvicorn issue #3149)."""
    listener = _Config(APP, host="127.0.0.1", port=0, workers=2).bind_socket()
    assert listener.proto == socket.IPPROTO_TCP
    port = listener.getsockname()[1]
    accepted: list[int] = []

    async def accept_one() -> None:
        def on_connection(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            option = writer.get_extra_info("socket").getsockopt(
                socket.IPPROTO_TCP, socket.TCP_NODELAY
            )
            accepted.append(option)
            writer.close()

        server = await asyncio.start_server(on_connection, sock=listener)
        async with server:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            while not accepted:
                await asyncio.sleep(0.01)
            writer.close()

    asyncio.run(accept_one())
    assert accepted == [1]


def test_two_workers_answer_browser_like_clients_on_kept_alive_connections() -> None:
    """bench/bench_serve.py's clients (questions, their figures and checks, each client on one
    connection) against ``dlexam serve --workers 2``: a request not answered 200 is an error."""
    bench = Path(__file__).resolve().parent.parent / "bench" / "bench_serve.py"
    command = [sys.executable, str(bench), "--clients", "2", "--seconds", "2", "--workers", "2"]
    run = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert run.returncode == 0, run.stderr
    counts = {line.split()[0]: int(line.split()[1]) for line in run.stdout.splitlines()[1:]}
    assert counts["question"] > 0 and counts["check"] > 0, run.stdout
    assert "error" not in counts, run.stdout
