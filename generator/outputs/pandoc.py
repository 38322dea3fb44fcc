"""LaTeX prose to HTML through pandoc: only the glue, batched and cached.

Starting pandoc costs far more than converting a paragraph, so every fragment of a call (all
questions, parts, keys and rubrics of all variants) goes through one pandoc run, separated by a
marker paragraph; converted fragments are remembered, so a server renders a repeated text once.
``math`` is ``"mathjax"`` (``\\( ... \\)`` and ``\\[ ... \\]`` left for MathJax, what Moodle and
Canvas display) or ``"mathml"`` (MathML, read by browsers and screen readers without scripts).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Sequence

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
    todo = sorted({text for text in fragments if (text, math) not in _cache})
    if todo:
        joined = pandoc_batch(todo, math)
        if len(_cache) + len(todo) > CACHE_LIMIT:
            _cache.clear()
        _cache.update({(text, math): html for text, html in zip(todo, joined, strict=True)})
    return [_cache[(text, math)] for text in fragments]


def pandoc_batch(fragments: Sequence[str], math: str) -> list[str]:
    """One pandoc run for all fragments; one run each if a fragment swallowed a separator."""
    source = f"\n\n{SEPARATOR}\n\n".join(_prepare(text) for text in fragments)
    pieces = re.split(rf"<p>{SEPARATOR}</p>\n?", _pandoc(source, math))
    if len(pieces) != len(fragments):
        pieces = [_pandoc(_prepare(text), math) for text in fragments]
    return [BARE_SPAN.sub(r"\1", piece).strip() for piece in pieces]
