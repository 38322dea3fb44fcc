"""LaTeX prose to HTML through pandoc: only the glue, batched and cached.

Starting pandoc costs far more than converting a paragraph, so every fragment of a call (all
questions, parts, keys and rubrics of all variants) goes through one pandoc run, separated by a
marker paragraph; converted fragments are remembered, so a server renders a repeated text once.
Concurrent calls (the threads of ``dlexam serve``, each rendering a new question) share pandoc
runs (:class:`generator.coalesce.Coalescer`), so under load a process starts pandoc far less
often than once per page, and alone it waits for nothing.
``math`` is ``"mathjax"`` (``\\( ... \\)`` and ``\\[ ... \\]`` left for MathJax, what Moodle and
Canvas display) or ``"mathml"`` (MathML, read by browsers and screen readers without scripts).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Sequence

from generator.coalesce import Coalescer
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
        fresh = _COALESCERS[math](todo)
        if len(_cache) + len(todo) > CACHE_LIMIT:
            _cache.clear()
        _cache.update({(text, math): html for text, html in fresh.items()})
        known.update(fresh)
    return [str(known[text]) for text in fragments]


def _batch_run(math: str) -> Coalescer[str, str]:
    return Coalescer(
        lambda fragments: pandoc_batch(fragments, math),
        failures=(DlexamError, OSError, subprocess.SubprocessError),
    )


_COALESCERS = {math: _batch_run(math) for math in MATH}


def pandoc_batch(fragments: Sequence[str], math: str) -> list[str]:
    """One pandoc run for all fragments; one run each if a fragment swallowed a separator."""
    source = f"\n\n{SEPARATOR}\n\n".join(_prepare(text) for text in fragments)
    pieces = re.split(rf"<p>{SEPARATOR}</p>\n?", _pandoc(source, math))
    if len(pieces) != len(fragments):
        pieces = [_pandoc(_prepare(text), math) for text in fragments]
    return [BARE_SPAN.sub(r"\1", piece).strip() for piece in pieces]
