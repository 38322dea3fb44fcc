"""Benchmark ``dlexam serve``: concurrent clients on loopback asking for questions and checking.

Starts the app under uvicorn (``--workers`` processes) on a free 127.0.0.1 port, then runs
``--clients`` threads for ``--seconds``; each client repeatedly opens a new question (a random
family and seed, as "New variant" does, so nothing is cached yet) and submits answers to it.
Prints requests per second and p50/p95 latency per kind of request. Clients and duration are
bounded so a run cannot flood the machine.

``--cpu N`` instead serves N new questions one at a time in this process (no network) and prints
the CPU time each kind of request costs, the server's own and pandoc's: on a shared, loaded
machine latency measures the neighbours, CPU time measures the server.

    python bench/bench_serve.py --clients 20 --seconds 20 --workers 1 [--seeds 3]
    python bench/bench_serve.py --cpu 60
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

MAX_CLIENTS = 64
MAX_SECONDS = 120


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str, data: bytes | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, data=data)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""


def client(
    base: str,
    families: list[str],
    seeds: int,
    until: float,
    seed: int,
    timings: dict[str, list[float]],
) -> None:
    rng = random.Random(seed)
    while time.monotonic() < until:
        family, number = rng.choice(families), rng.randrange(seeds)
        start = time.perf_counter()
        status, page = fetch(f"{base}/q/{family}/{number}")
        timings["question" if status == 200 else "error"].append(time.perf_counter() - start)
        labels = re.findall(r'name="(\d+[a-z])"', page)
        if not labels:
            continue
        form = urllib.parse.urlencode({labels[0]: "1,5", "check": "all"}).encode()
        start = time.perf_counter()
        status, _ = fetch(f"{base}/q/{family}/{number}/check", form)
        timings["check" if status == 200 else "error"].append(time.perf_counter() - start)


def cpu_seconds(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def cpu_cost(count: int) -> None:
    """CPU milliseconds per request, single-threaded: new question, shared link, check."""
    from starlette.testclient import TestClient

    from generator.registry import default_registry
    from grader.serve.app import app

    families = sorted(default_registry().families)
    rng = random.Random(7)
    picks = [(rng.choice(families), rng.randrange(10**9)) for _ in range(count)]
    kinds = {
        "new question": lambda c, f, n: c.get(f"/q/{f}/{n}"),
        "shared link": lambda c, f, n: c.get(f"/q/{f}/{n}"),  # the same pages again: cached
        "check": lambda c, f, n: c.post(f"/q/{f}/{n}/check", data={"check": "all"}),
    }
    with TestClient(app) as test_client:
        for family in families:  # first use of a family's code paths is not what is measured
            test_client.get(f"/q/{family}/{10**9 + 1}")
        print(f"{count} requests of each kind, one at a time, CPU milliseconds per request:")
        for kind, ask in kinds.items():
            own = cpu_seconds(resource.RUSAGE_SELF)
            pandoc = cpu_seconds(resource.RUSAGE_CHILDREN)
            for family, number in picks:
                assert ask(test_client, family, number).status_code == 200
            own = 1000 * (cpu_seconds(resource.RUSAGE_SELF) - own) / count
            pandoc = 1000 * (cpu_seconds(resource.RUSAGE_CHILDREN) - pandoc) / count
            print(f"  {kind:13} server {own:5.1f} ms  pandoc {pandoc:5.1f} ms")
    concurrent_pandoc(families, count)


def concurrent_pandoc(families: list[str], count: int, threads: int = 20) -> None:
    """Pandoc's share when ``threads`` new questions are rendered at once, as a loaded server
    does (the server's threads call :func:`~grader.serve.sheets.solved` the same way)."""
    from concurrent.futures import ThreadPoolExecutor

    from generator.outputs import pandoc
    from grader.serve.sheets import family_link, solved

    rng = random.Random(8)
    picks = [(rng.choice(families), str(rng.randrange(10**9))) for _ in range(count)]
    runs: list[int] = []
    batch = pandoc.pandoc_batch

    def counted(fragments: list[str], math: str) -> list[str]:
        runs.append(len(fragments))
        return batch(fragments, math)

    pandoc.pandoc_batch = counted  # type: ignore[assignment]
    before = cpu_seconds(resource.RUSAGE_CHILDREN)
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(lambda pick: solved(family_link(*pick)), picks))
    spent = 1000 * (cpu_seconds(resource.RUSAGE_CHILDREN) - before) / count
    pandoc.pandoc_batch = batch  # type: ignore[assignment]
    print(
        f"  {count} new questions from {threads} threads at once: {len(runs)} pandoc runs, "
        f"pandoc {spent:.1f} ms per question"
    )


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
    parser.add_argument("--cpu", type=int, default=0, help="measure CPU cost of N requests")
    args = parser.parse_args()
    if args.cpu:
        cpu_cost(max(1, min(args.cpu, 1000)))
        return
    clients = max(1, min(args.clients, MAX_CLIENTS))
    seconds = max(1.0, min(args.seconds, MAX_SECONDS))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "uvicorn", "grader.serve.app:app", "--host", "127.0.0.1"]
    command += ["--port", str(port), "--workers", str(args.workers), "--log-level", "warning"]
    server = subprocess.Popen(command)
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
        timings: dict[str, list[float]] = {"question": [], "check": [], "error": []}
        until = time.monotonic() + seconds
        threads = [
            threading.Thread(
                target=client, args=(base, families, max(1, args.seeds), until, i, timings)
            )
            for i in range(clients)
        ]
        started = time.monotonic()
        client_cpu = cpu_seconds(resource.RUSAGE_SELF)
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        client_cpu = cpu_seconds(resource.RUSAGE_SELF) - client_cpu
    finally:
        server.terminate()
        server.wait(timeout=30)
    server_cpu = cpu_seconds(resource.RUSAGE_CHILDREN)  # uvicorn, its workers and their pandoc
    print(
        f"{clients} clients, {args.workers} worker process(es), seeds 0..{args.seeds - 1}, "
        f"{elapsed:.1f} s; CPU: server {server_cpu:.1f} s (with start-up), "
        f"clients {client_cpu:.1f} s"
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
