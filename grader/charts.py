"""The class report's two charts (matplotlib, PNG, base64 for inlining), drawn beside the rest.

Importing matplotlib and drawing the charts costs about 0.7 s, a third of grading a class of
10 000 (``bench/bench_grade.py``), and nothing else waits for them. For a large class on a
machine with a second core, a :class:`ChartDrawer` therefore forks a child process as soon as the
answers are read: it imports matplotlib while this process grades, and draws while this one
writes the scores and the feedback. A small class, one core, or a process that already runs
threads (where forking is unsafe) draws in place. Both ways run the same :func:`draw`, so the
report is byte-identical whichever way it was made.
"""

from __future__ import annotations

import base64
import io
import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure

PARALLEL_FROM = 2000  # students; below this a child process costs more than it saves


@dataclass(frozen=True)
class ChartData:
    """All the charts need, small enough to send to a child process."""

    percents: tuple[float, ...]  # each student's total in %
    labels: tuple[str, ...]  # parts, in exam order
    facility: tuple[float, ...]
    discrimination: tuple[float, ...]  # 0 where undefined


def _png(figure: Figure) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=90, metadata={"Software": None})
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def histogram(percents: Sequence[float]) -> Figure:
    """Totals in 5 % bins; the count axis has whole-number ticks (there is no half a student)."""
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    figure = Figure(figsize=(6, 3))
    axes = figure.subplots()
    axes.hist(percents, bins=[5.0 * i for i in range(21)], color="#4c72b0")
    axes.set_xlabel("total (%)")
    axes.set_ylabel("students")
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    figure.tight_layout()
    return figure


def part_chart(data: ChartData) -> Figure:
    """Facility and discrimination side by side for every part."""
    import numpy as np
    from matplotlib.figure import Figure

    figure = Figure(figsize=(max(6, 0.35 * len(data.labels)), 3))
    axes = figure.subplots()
    x = np.arange(len(data.labels))
    axes.bar(x - 0.2, data.facility, 0.4, label="facility")
    axes.bar(x + 0.2, data.discrimination, 0.4, label="discrimination (r)")
    axes.set_xticks(x, data.labels, rotation=90 if len(data.labels) > 20 else 0)
    axes.set_ylim(-0.5, 1.0)
    axes.axhline(0, color="black", linewidth=0.5)
    axes.legend(loc="lower right")
    figure.tight_layout()
    return figure


def draw(data: ChartData) -> tuple[str, str]:
    """The histogram of totals and the per-part chart, as base64 PNG."""
    from matplotlib import rc_context

    with rc_context({"font.size": 9}):
        return _png(histogram(data.percents)), _png(part_chart(data))


def _can_fork() -> bool:
    return (
        "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
        and (os.cpu_count() or 1) > 1
    )


def _import_matplotlib() -> None:
    import matplotlib.figure  # noqa: F401


class ChartDrawer:
    """Draws the charts of a class of ``students`` (see the module docstring); a context
    manager, so the child process ends with the grading run."""

    def __init__(self, students: int):
        self._executor: ProcessPoolExecutor | None = None
        if students >= PARALLEL_FROM and _can_fork():
            self._executor = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
            self._executor.submit(_import_matplotlib)

    def __enter__(self) -> ChartDrawer:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)

    def start(self, data: ChartData) -> Callable[[], tuple[str, str]]:
        """Start drawing; the returned function gives the charts."""
        if self._executor is None:
            charts = draw(data)
            return lambda: charts
        future = self._executor.submit(draw, data)

        def result() -> tuple[str, str]:
            try:
                return future.result()
            except (BrokenProcessPool, OSError):  # the child died or could not start: draw here
                return draw(data)

        return result
