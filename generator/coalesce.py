"""One batch run for the work of all threads that ask at once.

Starting pandoc or LaTeX costs far more than one more paragraph or picture in a run that is
going anyway, so a server whose threads each need a conversion should share runs: while one run
is going, the calls that arrive queue up, and when it ends the oldest waiting call runs the
batch of everything queued by then. Alone, a call waits for nothing. If a shared run fails, each
call of it is run on its own, so a bad item fails only the request that brought it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from generator.errors import DlexamError

Item = TypeVar("Item", bound=Hashable)
Result = TypeVar("Result")


@dataclass
class _Job(Generic[Item, Result]):
    """Items of one call that no queued or running job carried yet. ``turn`` is set when the job
    is finished or must lead the next run (``lead``); ``finished`` when it has its result."""

    items: list[Item]
    turn: threading.Event = field(default_factory=threading.Event)
    finished: threading.Event = field(default_factory=threading.Event)
    lead: bool = False
    result: dict[Item, Result] | None = None
    error: Exception | None = None


class Coalescer(Generic[Item, Result]):
    """Calls ``run`` with the distinct items of all calls queued while a run was going.

    ``run`` gets the items sorted (a batch's content does not depend on which thread came first)
    and returns a result for each; it raises one of ``failures`` when it cannot. An item that a
    queued or running job already carries is not asked again: the call waits for that job."""

    def __init__(
        self,
        run: Callable[[list[Item]], Sequence[Result]],
        failures: tuple[type[Exception], ...] = (DlexamError,),
        order: Callable[[Item], str] = str,
    ) -> None:
        self.run = run
        self.failures = failures
        self.order = order
        self.lock = threading.Lock()
        self.queue: list[_Job[Item, Result]] = []
        self.carriers: dict[Item, _Job[Item, Result]] = {}
        self.running = False

    def __call__(self, items: Sequence[Item]) -> dict[Item, Result]:
        wanted = list(dict.fromkeys(items))
        with self.lock:
            carriers = {item: self.carriers[item] for item in wanted if item in self.carriers}
            job: _Job[Item, Result] = _Job([item for item in wanted if item not in carriers])
            if job.items:
                self.queue.append(job)
                self.carriers.update({item: job for item in job.items})
                job.lead = not self.running
                self.running = True
        if job.items:
            if not job.lead:
                job.turn.wait()
            if job.lead:
                self._run_queue()
            if job.error is not None:
                raise job.error
        results = dict(job.result or {})
        for item, carrier in carriers.items():
            carrier.finished.wait()
            if carrier.result is not None:
                results[item] = carrier.result[item]
        missing = [item for item in wanted if item not in results]  # its carrier failed
        if missing:
            results.update(self(missing))  # on their own, so an error is about these items
        return {item: results[item] for item in wanted}

    def _run_queue(self) -> None:
        with self.lock:
            jobs, self.queue = self.queue, []
        try:
            self._run_jobs(jobs)
        finally:
            with self.lock:
                successor = self.queue[0] if self.queue else None
                if successor is not None:
                    successor.lead = True
                else:
                    self.running = False
                for job in jobs:
                    for item in job.items:
                        if self.carriers.get(item) is job:
                            del self.carriers[item]
            for job in jobs:
                if job.result is None and job.error is None:  # the run itself broke
                    job.error = DlexamError("a shared conversion stopped before this request's")
                job.finished.set()
                job.turn.set()
            if successor is not None:
                successor.turn.set()

    def _run_jobs(self, jobs: list[_Job[Item, Result]]) -> None:
        """One run for all jobs; if it fails, one run each."""
        items = sorted({item for job in jobs for item in job.items}, key=self.order)
        try:
            results = dict(zip(items, self.run(items), strict=True))
        except self.failures as error:
            if len(jobs) == 1:
                jobs[0].error = error
                return
            for job in jobs:
                self._run_jobs([job])
            return
        for job in jobs:
            job.result = {item: results[item] for item in job.items}
