"""Concurrent pandoc conversions share runs (what keeps ``dlexam serve`` fast under load)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from generator.errors import DlexamError
from generator.outputs import pandoc

PAGES = [
    [f"Page {n}: let $x = {n}/7$.", f"\\textbf{{Part {n}}} of $\\frac{{{n}}}{{2}}$"]
    for n in range(6)
]


def test_calls_arriving_during_a_run_share_the_next_one(monkeypatch: pytest.MonkeyPatch) -> None:
    expected = [pandoc.pandoc_batch(page, "mathml") for page in PAGES]
    pandoc._cache.clear()
    first_run_started, release = threading.Event(), threading.Event()
    runs: list[int] = []
    real_run = pandoc.pandoc_batch

    def slow_first_run(fragments: list[str], math: str) -> list[str]:
        runs.append(len(fragments))
        if len(runs) == 1:
            first_run_started.set()
            release.wait(10)
        return real_run(fragments, math)

    monkeypatch.setattr(pandoc, "pandoc_batch", slow_first_run)
    with ThreadPoolExecutor(len(PAGES)) as pool:
        first = pool.submit(pandoc.to_html, PAGES[0])
        first_run_started.wait(10)
        rest = [pool.submit(pandoc.to_html, page) for page in PAGES[1:]]
        shared = pandoc._COALESCERS["mathml"]
        while len(shared.queue) < len(rest):  # all queued behind the first run
            threading.Event().wait(0.01)
        release.set()
        results = [first.result(), *(future.result() for future in rest)]
    assert results == expected  # each call gets its own fragments, in its order
    assert runs == [2, 2 * (len(PAGES) - 1)]  # the first run alone, then one run for the rest
    assert not pandoc._COALESCERS["mathml"].running


def test_a_failing_page_fails_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    pandoc._cache.clear()
    real_run = pandoc.pandoc_batch
    first_run_started, release = threading.Event(), threading.Event()

    def refuse_bad(fragments: list[str], math: str) -> list[str]:
        if any("first" in text for text in fragments):
            first_run_started.set()
            release.wait(10)
        if "BAD" in fragments:
            raise DlexamError("pandoc could not read a question's LaTeX: BAD")
        return real_run(fragments, math)

    monkeypatch.setattr(pandoc, "pandoc_batch", refuse_bad)
    shared = pandoc._COALESCERS["mathml"]
    with ThreadPoolExecutor(3) as pool:
        first = pool.submit(pandoc.to_html, ["first $z$"])
        first_run_started.wait(10)
        good = pool.submit(pandoc.to_html, ["good $y$"])
        bad = pool.submit(pandoc.to_html, ["BAD"])
        while len(shared.queue) < 2:  # both share the run after the first, which fails on BAD
            threading.Event().wait(0.01)
        release.set()
        assert "<math" in first.result()[0]
        assert "<math" in good.result()[0]
        with pytest.raises(DlexamError, match="BAD"):
            bad.result()
