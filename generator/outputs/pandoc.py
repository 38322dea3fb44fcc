"""LaTeX prose to HTML through pandoc: only the glue, batched and cached.

Each process keeps one pandoc running (:class:`Converter`): a small Lua program,
``pandoc_server.lua``, reads batches of fragments on its stdin and answers with each one's HTML.
A fresh pandoc run costs 10-30 ms of CPU before it converts anything (start-up, then its math
tables are built on first use); a page's fragments cost about 2 ms in a warm one. Each fragment
is converted on its own, so its HTML does not depend on the batch it came in.
Converted fragments are remembered, so a server renders a repeated text once, and concurrent
calls (the threads of ``dlexam serve``, each rendering a new question) share one batch
(:class:`generator.coalesce.Coalescer`).
``math`` is ``"mathjax"`` (``\\( ... \\)`` and ``\\[ ... \\]`` left for MathJax, what Moodle and
Canvas display) or ``"mathml"`` (MathML, read by browsers and screen readers without scripts).
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import subprocess
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import IO

from generator.coalesce import Coalescer
from generator.errors import DlexamError

MATH = ("mathjax", "mathml")
INSTALL_HINT = "install pandoc 2.17 or newer (Debian: apt-get install pandoc)"
SCRIPT = Path(__file__).with_name("pandoc_server.lua")
TIMEOUT = 120  # seconds for one batch; a pandoc that takes longer is stopped
# enumitem labels (label=\textbf{\Alph*)}) are lost by pandoc; the enumerate-package form is read.
ALPH_LABEL = re.compile(r"\\begin\{enumerate\}\[[^\]]*\\Alph\*[^\]]*\]")
CACHE_LIMIT = 50_000
BARE_SPAN = re.compile(r"<span>([^<]*)</span>")  # pandoc's trace of a LaTeX group such as {-}
# \mathrm{ReLU} comes out as <mstyle mathvariant="normal"> around one <mi> per letter; browsers
# (MathML Core) ignore mathvariant on <mstyle>, so the name showed in italic letters
UPRIGHT_LETTERS = re.compile(r'<mstyle mathvariant="normal">((?:<mi>[^<]*</mi>)+)</mstyle>')
MI_TEXT = re.compile(r"<mi>([^<]*)</mi>")
# texmath marks every (, [, | and ‖ stretchy, \left( or not; Chromium then sets even (x) with a
# stretched glyph and wide gaps ("P ( x )"). A pair around nothing taller than a line is given
# its plain glyph, as TeX sizes \left( x \right); a pair around a fraction, a root, a matrix
# or a large operator still stretches.
DELIMITER = re.compile(r'<mo stretchy="true" form="(prefix|postfix)">|<math\b')
TALL = re.compile(r"<(?:mfrac|mtable|munder|mover|munderover|msqrt|mroot)\b|[∑∏∫]")

_cache: dict[tuple[str, str], str] = {}


def _prepare(latex: str) -> str:
    return ALPH_LABEL.sub(r"\\begin{enumerate}[A)]", latex)


class Converter:
    """A pandoc kept running for this process, started on first use and again after it stopped
    (or in a forked child, which must not share its parent's pipes). One batch at a time."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.process: subprocess.Popen[bytes] | None = None
        self.owner = 0  # the process id that started it

    def _start(self) -> subprocess.Popen[bytes]:
        program = shutil.which("pandoc")
        if program is None:
            raise DlexamError("pandoc not found, so no HTML can be written", hint=INSTALL_HINT)
        process = subprocess.Popen(
            [program, "--from=markdown", "--to=plain", f"--lua-filter={SCRIPT}", os.devnull],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,  # pandoc's warnings; its errors come back per fragment
        )
        assert process.stdout is not None
        hello = process.stdout.readline().decode(errors="replace")
        if not hello.startswith("dlexam-pandoc "):
            process.kill()
            process.wait()
            raise DlexamError(
                "pandoc could not start its converter (it needs Lua's pandoc.write)",
                hint=INSTALL_HINT,
            )
        self.process, self.owner = process, os.getpid()
        return process

    def close(self) -> None:
        """Stop this process's pandoc (a forked child leaves its parent's alone)."""
        process, self.process = self.process, None
        if process is not None and self.owner == os.getpid():
            process.kill()
            process.wait()

    def convert(self, fragments: Sequence[str], math: str) -> list[str]:
        """Each fragment's HTML; a fragment pandoc cannot read raises, naming pandoc's reason."""
        with self.lock:
            process = self.process
            if process is None or process.poll() is not None or self.owner != os.getpid():
                process = self._start()
            timer = threading.Timer(TIMEOUT, process.kill)
            timer.start()
            try:
                replies = _exchange(process, fragments, math)
            except (OSError, ValueError) as error:
                self.close()
                raise DlexamError(f"pandoc stopped while converting ({error})") from None
            finally:
                timer.cancel()
        for ok, text in replies:
            if not ok:
                raise DlexamError(f"pandoc could not read a question's LaTeX: {text.strip()}")
        return [text for _, text in replies]


def _exchange(
    process: subprocess.Popen[bytes], fragments: Sequence[str], math: str
) -> list[tuple[bool, str]]:
    stdin, stdout = process.stdin, process.stdout
    assert stdin is not None and stdout is not None
    request = [f"{math} {len(fragments)}\n".encode()]
    for text in fragments:
        data = text.encode()
        request += [f"{len(data)}\n".encode(), data]
    stdin.write(b"".join(request))
    stdin.flush()
    return [_reply(stdout) for _ in fragments]


def _reply(stdout: IO[bytes]) -> tuple[bool, str]:
    header = stdout.readline().decode().split()
    if len(header) != 2 or header[0] not in ("ok", "error") or not header[1].isdigit():
        raise ValueError("it ended or answered out of turn")
    data = stdout.read(int(header[1]))
    if len(data) != int(header[1]):
        raise ValueError("its answer was cut off")
    return header[0] == "ok", data.decode()


_CONVERTER = Converter()
atexit.register(_CONVERTER.close)


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


def pandoc_batch(fragments: Sequence[str], math: str) -> list[str]:
    """The HTML of each fragment, converted by this process's pandoc in one batch."""
    html = _CONVERTER.convert([_prepare(text) for text in fragments], math)
    return [_tidy(piece) for piece in html]


def _tidy(html: str) -> str:
    html = UPRIGHT_LETTERS.sub(
        lambda run: f'<mi mathvariant="normal">{"".join(MI_TEXT.findall(run[1]))}</mi>', html
    )
    return BARE_SPAN.sub(r"\1", _line_high_delimiters(html)).strip()


def _line_high_delimiters(html: str) -> str:
    """Pairs of stretchy delimiters (matched by nesting within one ``<math>``) around
    line-high content made non-stretchy (see :data:`DELIMITER`); a lone ``\\left(`` stays."""
    plain: list[re.Match[str]] = []
    opened: list[re.Match[str]] = []
    for token in DELIMITER.finditer(html):
        if token[1] is None:  # a new <math>: nothing open in the last one pairs with it
            opened.clear()
        elif token[1] == "prefix":
            opened.append(token)
        elif opened:
            opening = opened.pop()
            if not TALL.search(html, opening.end(), token.start()):
                plain += [opening, token]
    pieces, done = [], 0
    for token in sorted(plain, key=lambda match: match.start()):
        pieces += [html[done : token.start()], token[0].replace('"true"', '"false"')]
        done = token.end()
    return "".join(pieces) + html[done:]


def _batch_run(math: str) -> Coalescer[str, str]:
    return Coalescer(
        lambda fragments: pandoc_batch(fragments, math),
        failures=(DlexamError, OSError, subprocess.SubprocessError),
    )


_COALESCERS = {math: _batch_run(math) for math in MATH}
