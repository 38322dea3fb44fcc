"""Benchmark ``dlexam serve``: concurrent clients on loopback asking for questions and checking.

Starts ``dlexam serve`` (``--workers`` processes) on a free 127.0.0.1 port, then runs
``--clients`` threads for ``--seconds``; each client, on one kept-alive connection as a browser
holds, repeatedly opens a new question (a random family and seed, as "New variant" does, so
nothing is cached yet), loads its figures as a browser loads the page's images, and submits
answers to it. The server draws figures into an empty cache folder of its own. Prints requests
per second and p50/p95 latency per kind of request. Clients and duration are bounded so a run
cannot flood the machine.

``--cpu N`` instead serves N new questions one at a time in this process (no network) and prints
the CPU time each kind of request costs, the server's own (with the in-process test client's,
which is all of a shared link's 1.4 ms at most) and pandoc's (or LaTeX's, for a figure): on a
shared, loaded machine latency measures the neighbours, CPU time measures the server.

    python bench/bench_serve.py --clients 20 --seconds 20 --workers 1
    python bench/bench_serve.py --clients 20 --seconds 20 --workers 1 --seeds 3 --warmup 30
    python bench/bench_serve.py --clients 64 --seconds 30 --workers 1 --pause 2
    python bench/bench_serve.py --cpu 60
    python bench/bench_serve.py --solve 5

``--solve N`` prints the CPU time of making a new question's page (draw, solve, cross-check,
render; pandoc's own time not counted) for N seeds of every family, and the costliest families.
"""

from __future__ import annotations

import argparse
import html
import http.client
import os
import random
import re
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

FIGURE = re.compile(r'<img class="dl-figure"[^>]* src="(/[^"]+)"')
MAX_CLIENTS = 64
MAX_SECONDS = 120


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> tuple[int, str]:
    """One request on its own connection (the start-up probe)."""
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""


class Browser:
    """One client's persistent HTTP/1.1 connection, as a browser keeps one open to a server
    (so a student's check reaches the worker process that drew the question)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def fetch(self, path: str, form: bytes | None = None) -> tuple[int, str]:
        headers = {"content-type": "application/x-www-form-urlencoded"} if form else {}
        try:
            self.connection.request("POST" if form else "GET", path, form, headers)
            response = self.connection.getresponse()
            return response.status, response.read().decode()
        except (OSError, http.client.HTTPException):
            self.connection.close()
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            return 0, ""


def client(
    port: int,
    families: list[str],
    seeds: int,
    window: tuple[float, float],
    seed: int,
    timings: dict[str, list[float]],
    pause: float = 0.0,
) -> None:
    """Ask, load figures and check, then read for ``pause`` seconds on average (0: none);
    requests sent in the window are counted."""
    rng = random.Random(seed)
    browser = Browser(port)
    measure_from, until = window

    def ask(kind: str, path: str, form: bytes | None = None) -> str:
        start = time.perf_counter()
        status, page = browser.fetch(path, form)
        if time.monotonic() >= measure_from:
            timings[kind if status == 200 else "error"].append(time.perf_counter() - start)
        return page

    while time.monotonic() < until:
        family, number = rng.choice(families), rng.randrange(seeds)
        page = ask("question", f"/q/{family}/{number}")
        for figure in FIGURE.findall(page):  # as a browser loads the page's images
            ask("figure", html.unescape(figure))
        labels = re.findall(r'name="(\d+[a-z])"', page)
        if labels:
            form = urllib.parse.urlencode({labels[0]: "1,5", "check": "all"}).encode()
            ask("check", f"/q/{family}/{number}/check", form)
        reading = rng.uniform(0.5, 1.5) * pause  # students do not read in step
        time.sleep(max(0.0, min(reading, until - time.monotonic())))


def cpu_seconds(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def pandoc_seconds() -> float:
    """CPU time of this process's pandoc so far (it keeps running, so it is not counted among
    finished children): utime and stime from /proc."""
    from generator.outputs import pandoc

    process = pandoc._CONVERTER.process
    if process is None:
        return 0.0
    fields = Path(f"/proc/{process.pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_cost(count: int) -> None:
    """CPU milliseconds per request, single-threaded: new question, shared link, check (an
    answer to the first part, as the clients send: its keys are read and its worked steps
    rendered), figure (drawn into an empty figure cache; the preloaded LaTeX format is made
    during the warm-up)."""
    folder = tempfile.TemporaryDirectory(prefix="bench-serve-figures-")
    os.environ["DLEXAM_FIGURE_CACHE"] = folder.name
    from starlette.testclient import TestClient

    from generator.registry import default_registry
    from grader.serve.app import app

    families = sorted(default_registry().families)
    rng = random.Random(7)
    picks = [(rng.choice(families), rng.randrange(10**9)) for _ in range(count)]
    first_part: dict[tuple[str, int], dict[str, str]] = {}  # an answer to the first part
    kinds = {
        "new question": lambda c, f, n: c.get(f"/q/{f}/{n}"),
        "shared link": lambda c, f, n: c.get(f"/q/{f}/{n}"),  # the same pages again: cached
        "check": lambda c, f, n: c.post(
            f"/q/{f}/{n}/check", data={**first_part[f, n], "check": "all"}
        ),
    }
    with TestClient(app) as test_client:
        warm = [test_client.get(f"/q/{family}/{10**9 + 1}").text for family in families]
        test_client.get(html.unescape(FIGURE.findall("".join(warm))[0]))  # not what is measured
        print(f"{count} requests of each kind, one at a time, CPU milliseconds per request:")
        figures: list[str] = []
        for kind, ask in kinds.items():
            own = cpu_seconds(resource.RUSAGE_SELF)
            pandoc = pandoc_seconds()
            for family, number in picks:
                response = ask(test_client, family, number)
                assert response.status_code == 200
                if kind == "new question":
                    figures += [html.unescape(url) for url in FIGURE.findall(response.text)]
                    labels = re.findall(r'name="(\d+[a-z])"', response.text)
                    first_part[family, number] = {labels[0]: "1,5"} if labels else {}
            own = 1000 * (cpu_seconds(resource.RUSAGE_SELF) - own) / count
            pandoc = 1000 * (pandoc_seconds() - pandoc) / count
            print(f"  {kind:13} server {own:5.1f} ms  pandoc {pandoc:5.1f} ms")
        own = cpu_seconds(resource.RUSAGE_SELF)
        tex = cpu_seconds(resource.RUSAGE_CHILDREN)
        for url in figures:
            assert test_client.get(url).status_code == 200
        own = 1000 * (cpu_seconds(resource.RUSAGE_SELF) - own) / max(1, len(figures))
        tex = 1000 * (cpu_seconds(resource.RUSAGE_CHILDREN) - tex) / max(1, len(figures))
        print(f"  {'figure':13} server {own:5.1f} ms  pdflatex+mutool {tex:5.1f} ms", end="")
        print(f"  ({len(figures)} figures on the {count} new questions, each drawn alone)")
    folder.cleanup()


def solve_cost(seeds: int) -> None:
    """CPU milliseconds (this thread's) of drawing, solving, cross-checking and rendering a new
    question of each family (``solved``), ``seeds`` seeds each: the mean and the costliest."""
    folder = tempfile.TemporaryDirectory(prefix="bench-serve-figures-")
    os.environ["DLEXAM_FIGURE_CACHE"] = folder.name
    from generator.registry import default_registry
    from grader.serve.sheets import family_link, solved

    costs = []
    for family in sorted(default_registry().families):
        solved(family_link(family, str(10**9)))  # templates compiled, nothing measured
        start = time.thread_time()
        for number in range(seeds):
            solved(family_link(family, str(number)))
        costs.append((1000 * (time.thread_time() - start) / seeds, family))
    mean = statistics.mean(cost for cost, _ in costs)
    print(f"a new question's page, {seeds} seeds of each of {len(costs)} families: {mean:.1f} ms")
    for cost, family in sorted(costs, reverse=True)[:5]:
        print(f"  {family:24} {cost:6.1f} ms")
    folder.cleanup()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument(
        "--seeds",
        type=int,
        default=100_000,
        help="seeds drawn from 0..N-1 (small N: a class on shared links, pages come from cache)",
    )
    parser.add_argument(
        "--warmup",
        type=float,
        default=0,
        help="seconds of the same load before measuring (fills the caches of every worker)",
    )
    parser.add_argument(
        "--pause",
        type=float,
        default=0,
        help="seconds a client reads before its next question, on average (default 0: none)",
    )
    parser.add_argument("--cpu", type=int, default=0, help="measure CPU cost of N requests")
    parser.add_argument(
        "--solve", type=int, default=0, help="measure the page cost of N seeds of every family"
    )
    args = parser.parse_args()
    if args.solve:
        solve_cost(max(1, min(args.solve, 100)))
        return
    if args.cpu:
        cpu_cost(max(1, min(args.cpu, 1000)))
        return
    clients = max(1, min(args.clients, MAX_CLIENTS))
    seconds = max(1.0, min(args.seconds, MAX_SECONDS))
    warmup = max(0.0, min(args.warmup, MAX_SECONDS))
    pause = max(0.0, min(args.pause, MAX_SECONDS))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-c", "from generator.cli import main; main()", "serve"]
    command += ["--port", str(port), "--workers", str(args.workers)]
    figures = tempfile.TemporaryDirectory(prefix="bench-serve-figures-")
    started = time.monotonic()
    server = subprocess.Popen(
        command,
        env={**os.environ, "DLEXAM_FIGURE_CACHE": figures.name},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if fetch(f"{base}/")[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit("the server did not start")
            time.sleep(0.2)
        from generator.registry import default_registry

        families = sorted(default_registry().families)
        timings: dict[str, list[float]] = {"question": [], "figure": [], "check": [], "error": []}
        measure_from = time.monotonic() + warmup
        window = (measure_from, measure_from + seconds)
        threads = [
            threading.Thread(
                target=client,
                args=(port, families, max(1, args.seeds), window, i, timings, pause),
            )
            for i in range(clients)
        ]
        client_cpu = cpu_seconds(resource.RUSAGE_SELF)
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - measure_from
        client_cpu = cpu_seconds(resource.RUSAGE_SELF) - client_cpu
    finally:
        server.terminate()
        server.wait(timeout=30)
        figures.cleanup()
    server_cpu = cpu_seconds(resource.RUSAGE_CHILDREN)  # uvicorn, its workers and their pandoc
    possible = (time.monotonic() - started) * (os.cpu_count() or 1)
    # 3 runs in about 30 on this VM reported 430-640 s of CPU for a 45 s run, with latencies
    # like the others': the kernel's figure, shown as such
    server_cpu_text = (
        f"{server_cpu:.1f} s"
        if server_cpu <= possible
        else f"? s ({server_cpu:.0f} s reported: more than the cores had)"
    )
    print(
        f"{clients} clients{f' reading {pause:g} s' if pause else ''}, {args.workers} worker "
        f"process(es), seeds 0..{args.seeds - 1}, "
        f"{warmup:g} s warm-up + {elapsed:.1f} s measured; CPU of both: server {server_cpu_text} "
        f"(with start-up), clients {client_cpu:.1f} s"
    )
    for kind, values in timings.items():
        if not values:
            continue
        cuts = statistics.quantiles(values, n=20) if len(values) > 1 else values * 19
        print(
            f"  {kind:8} {len(values):5d} requests  {len(values) / elapsed:6.1f} req/s  "
            f"p50 {1000 * statistics.median(values):6.0f} ms  p95 {1000 * cuts[18]:6.0f} ms"
        )


if __name__ == "__main__":
    main()
