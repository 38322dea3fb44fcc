"""LaTeX prose to HTML through pandoc: only the glue, batched and cached.

Starting pandoc costs far more than converting a paragraph, so every fragment of a call (all
questions, parts, keys and rubrics of all variants) goes through one pandoc run, separated by a
marker paragraph; converted fragments are remembered, so a server renders a repeated text once.
Concurrent calls (the threads of ``dlexam serve``, each rendering a new question) are coalesced:
while one pandoc run is going, the calls that arrive queue up and then share the next run, so
under load a process starts pandoc far less often than once per page, and alone it waits for
nothing.
``math`` is ``"mathjax"`` (``\\( ... \\)`` and ``\\[ ... \\]`` left for MathJax, what Moodle and
Canvas display) or ``"mathml"`` (MathML, read by browsers and screen readers without scripts).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field

from generator.errors import DlexamError

MATH = ("mathjax", "mathml")
SEPARATOR = "DLEXAMFRAGMENTBREAK"
INSTALL_HINT = "install pandoc (Debian: apt-get install pandoc)"
TIMEOUT = 120
# enumitem labels (label=\textbf{\Alph*)}) are lost by pandoc; the enumerate-package form is read.
ALPH_LABEL = re.compile(r"\\begin\{enumerate\}\[[^\]]*\\Alph\*[^\]]*\]")
CACHE_LIMIT = 50_000
BARE_SPAN = re.compile(r"<span>([^<]*)</span>")  # pandoc's trace of a LaTeX group such as {-}

_cache: dict[tuple[str, str], str] = {}


def _prepare(latex: str) -> str:
    return ALPH_LABEL.sub(r"\\begin{enumerate}[A)]", latex)


def _pandoc(latex: str, math: str) -> str:
    program = shutil.which("pandoc")
    if program is None:
        raise DlexamError("pandoc not found, so no HTML can be written", hint=INSTALL_HINT)
    result = subprocess.run(
        [program, "--from=latex", "--to=html5", f"--{math}", "--wrap=none"],
        input=latex,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    if result.returncode != 0:
        raise DlexamError(f"pandoc could not read a question's LaTeX: {result.stderr.strip()}")
    return result.stdout


def to_html(fragments: Sequence[str], math: str = "mathml") -> list[str]:
    """The HTML of every LaTeX fragment, in order (each fragment must be balanced LaTeX)."""
    if math not in MATH:
        raise ValueError(f"math must be one of {MATH}, not {math!r}")
    known = {text: _cache.get((text, math)) for text in set(fragments)}
    todo = sorted(text for text, html in known.items() if html is None)
    if todo:
        fresh = _COALESCER.convert(todo, math)
        if len(_cache) + len(todo) > CACHE_LIMIT:
            _cache.clear()
        _cache.update({(text, math): html for text, html in fresh.items()})
        known.update(fresh)
    return [str(known[text]) for text in fragments]


@dataclass
class _Job:
    """One call's fragments waiting for a pandoc run; ``done`` is set when it has its result or
    when it is its turn to run the queue (``lead``)."""

    fragments: list[str]
    math: str
    done: threading.Event = field(default_factory=threading.Event)
    lead: bool = False
    result: dict[str, str] | None = None
    error: Exception | None = None


class _Coalescer:
    """Runs the fragments of all queued calls in one pandoc run per math mode.

    The first call of an idle converter runs at once; calls arriving meanwhile queue, and when a
    run ends the oldest waiting call leads the next run, for everything queued by then."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.queue: list[_Job] = []
        self.running = False

    def convert(self, fragments: list[str], math: str) -> dict[str, str]:
        job = _Job(fragments, math)
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
            for math in sorted({job.math for job in jobs}):
                _convert_jobs([job for job in jobs if job.math == math], math)
        finally:
            with self.lock:
                successor = self.queue[0] if self.queue else None
                if successor is not None:
                    successor.lead = True
                else:
                    self.running = False
            for job in jobs:
                if job.result is None and job.error is None:  # the run itself broke
                    job.error = DlexamError("pandoc stopped before converting this page")
                job.done.set()
            if successor is not None:
                successor.done.set()


def _convert_jobs(jobs: list[_Job], math: str) -> None:
    """One run for all jobs; if it fails, one run each, so a bad page fails only itself."""
    texts = sorted({text for job in jobs for text in job.fragments})
    try:
        converted = dict(zip(texts, pandoc_batch(texts, math), strict=True))
    except (DlexamError, OSError, subprocess.SubprocessError) as error:
        if len(jobs) == 1:
            jobs[0].error = error
            return
        for job in jobs:
            _convert_jobs([job], math)
        return
    for job in jobs:
        job.result = {text: converted[text] for text in job.fragments}


_COALESCER = _Coalescer()


def pandoc_batch(fragments: Sequence[str], math: str) -> list[str]:
    """One pandoc run for all fragments; one run each if a fragment swallowed a separator."""
    source = f"\n\n{SEPARATOR}\n\n".join(_prepare(text) for text in fragments)
    pieces = re.split(rf"<p>{SEPARATOR}</p>\n?", _pandoc(source, math))
    if len(pieces) != len(fragments):
        pieces = [_pandoc(_prepare(text), math) for text in fragments]
    return [BARE_SPAN.sub(r"\1", piece).strip() for piece in pieces]
