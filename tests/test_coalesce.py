"""The shared-run helper behind pandoc's and the figures' batches under concurrent requests."""

from __future__ import annotations

import threading
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


def test_queued_calls_share_one_run_and_a_bad_item_fails_only_its_call() -> None:
    started, release = threading.Event(), threading.Event()
    runs: list[list[str]] = []

    def run(items: list[str]) -> list[str]:
        runs.append(items)
        if items == ["first"]:
            started.set()
            release.wait(10)
        if "bad" in items:
            raise DlexamError("cannot convert 'bad'")
        return [f"<{item}>" for item in items]

    shared: Coalescer[str, str] = Coalescer(run)
    with ThreadPoolExecutor(4) as pool:
        first = pool.submit(shared, ["first"])
        started.wait(10)
        calls = {
            name: pool.submit(shared, items)
            for name, items in [("x", ["x", "y"]), ("y", ["y"]), ("bad", ["bad", "x"])]
        }
        while len(shared.queue) < 3:
            threading.Event().wait(0.01)
        release.set()
        assert first.result() == {"first": "<first>"}
        assert calls["x"].result() == {"x": "<x>", "y": "<y>"}
        assert calls["y"].result() == {"y": "<y>"}
        with pytest.raises(DlexamError, match="bad"):
            calls["bad"].result()
    # the first alone, the shared run that failed, then each queued call on its own
    assert runs == [["first"], ["bad", "x", "y"], ["x", "y"], ["y"], ["bad", "x"]]
    assert not shared.running


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
