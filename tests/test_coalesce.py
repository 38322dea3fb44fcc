"""The shared-run helper behind pandoc's and the figures' batches under concurrent requests."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest

from generator.coalesce import Coalescer
from generator.errors import DlexamError


def test_a_lone_call_runs_at_once_with_its_items_sorted() -> None:
    runs: list[list[str]] = []

    def upper(items: list[str]) -> list[str]:
        runs.append(items)
        return [item.upper() for item in items]

    shared = Coalescer(upper)
    assert shared(["b", "a", "b"]) == {"a": "A", "b": "B"}
    assert runs == [["a", "b"]]
    assert not shared.running


class _Lookups(dict[str, object]):
    """The coalescer's table of items in flight, noting which items a call looked up."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def __getitem__(self, item: str) -> object:
        self.seen.append(item)
        return super().__getitem__(item)


def _until(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 30
    while not condition():
        assert time.monotonic() < deadline
        time.sleep(0.01)


def test_queued_calls_share_one_run_and_a_bad_item_fails_only_its_call() -> None:
    started, release = threading.Event(), threading.Event()
    runs: list[list[str]] = []

    def run(items: list[str]) -> list[str]:
        runs.append(items)
        if items == ["first"]:
            started.set()
            release.wait(30)
        if "bad" in items:
            raise DlexamError("cannot convert 'bad'")
        return [f"<{item}>" for item in items]

    shared: Coalescer[str, str] = Coalescer(run)
    shared.carriers = lookups = _Lookups()  # type: ignore[assignment]
    with ThreadPoolExecutor(5) as pool:
        first = pool.submit(shared, ["first"])
        started.wait(30)
        xy = pool.submit(shared, ["x", "y"])
        _until(lambda: "y" in shared.carriers)
        bad = pool.submit(shared, ["bad", "z"])
        _until(lambda: "z" in shared.carriers)
        y, z = pool.submit(shared, ["y"]), pool.submit(shared, ["z", "y"])
        _until(lambda: lookups.seen.count("y") == 2 and "z" in lookups.seen)  # carried: no job
        assert len(shared.queue) == 2
        release.set()
        assert first.result() == {"first": "<first>"}
        assert xy.result() == {"x": "<x>", "y": "<y>"}
        assert y.result() == {"y": "<y>"}
        assert z.result() == {"z": "<z>", "y": "<y>"}
        with pytest.raises(DlexamError, match="bad"):
            bad.result()
    # the first alone; the shared run fails, so each job runs alone; z, carried by the job that
    # failed, is then asked on its own
    assert runs == [["first"], ["bad", "x", "y", "z"], ["x", "y"], ["bad", "z"], ["z"]]
    assert not shared.running and not shared.carriers


def test_an_unexpected_error_still_releases_the_waiting_calls() -> None:
    started, release = threading.Event(), threading.Event()

    def run(items: list[str]) -> list[str]:
        if items == ["first"]:
            started.set()
            release.wait(10)
            return ["ok"]
        raise KeyError("broken")  # not a failure the coalescer knows: the run itself broke

    shared: Coalescer[str, str] = Coalescer(run)
    with ThreadPoolExecutor(2) as pool:
        first = pool.submit(shared, ["first"])
        started.wait(10)
        second = pool.submit(shared, ["second"])
        while not shared.queue:
            threading.Event().wait(0.01)
        release.set()
        assert first.result() == {"first": "ok"}
        with pytest.raises(KeyError):
            second.result()
    assert not shared.running
