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
    """One call's items waiting for a run; ``done`` is set when it has its result or when it is
    its turn to lead the next run (``lead``)."""

    items: list[Item]
    done: threading.Event = field(default_factory=threading.Event)
    lead: bool = False
    result: dict[Item, Result] | None = None
    error: Exception | None = None


class Coalescer(Generic[Item, Result]):
    """Calls ``run`` with the distinct items of all calls queued while a run was going.

    ``run`` gets the items sorted (a batch's content does not depend on which thread came first)
    and returns a result for each; it raises one of ``failures`` when it cannot."""

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
        self.running = False

    def __call__(self, items: Sequence[Item]) -> dict[Item, Result]:
        job: _Job[Item, Result] = _Job(list(items))
        with self.lock:
            self.queue.append(job)
            job.lead = not self.running
            self.running = True
        if not job.lead:
            job.done.wait()
        if job.lead:
            self._run_queue()
        if job.error is not None:
            raise job.error
        assert job.result is not None
        return job.result

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
                if job.result is None and job.error is None:  # the run itself broke
                    job.error = DlexamError("a shared conversion stopped before this request's")
                job.done.set()
            if successor is not None:
                successor.done.set()

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
