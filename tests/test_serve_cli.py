"""``dlexam serve`` as a command: one or several worker processes on loopback."""

from __future__ import annotations

import asyncio
import http.client
import socket
import subprocess
import sys
import time
import urllib.parse

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


def test_two_workers_serve_a_question_and_its_check_on_one_connection() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-c", "from generator.cli import main; main()", "serve"]
    server = subprocess.Popen(
        [*command, "--port", str(port), "--workers", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                connection.request("GET", "/q/conv_shape/3")
                page = connection.getresponse()
                break
            except OSError:
                assert time.monotonic() < deadline, "dlexam serve did not start"
                time.sleep(0.2)
        assert page.status == 200 and 'name="1a"' in page.read().decode()
        form = urllib.parse.urlencode({"1a": "8", "check": "all"})
        headers = {"content-type": "application/x-www-form-urlencoded"}
        connection.request("POST", "/q/conv_shape/3/check", form, headers)
        checked = connection.getresponse()
        assert checked.status == 200 and "summary" in checked.read().decode()
        assert server.poll() is None
    finally:
        server.terminate()
        server.wait(timeout=30)
