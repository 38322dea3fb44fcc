"""A pdflatex started before it is needed, so that a server's next figure compile only draws.

Starting pdflatex from the figures' preloaded format costs about 50 ms before the first picture
(undumping a 19 MB format, reading the preamble, starting the document): most of what a request
for a one-picture figure waits for. A :class:`SpareLatex` pays that ahead of time: its TeX reads
``figures.tex`` (the preamble, ``\\begin{document}``, ``\\input /dev/stdin``,
``\\end{document}``) and waits for the pictures on its standard input, which
:meth:`SpareLatex.draw` writes and closes. If this process dies first, TeX reads the end of its
input, ends its empty document and exits: nothing is left behind. The PDF is the one a plain run
of the same source makes.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

# The body of a spare's document. \input without braces is TeX's primitive: LaTeX's \input{...}
# first opens the file to test that it exists, which on a pipe would read the pictures away.
READ_PICTURES = "\\input /dev/stdin "


class SpareLatex:
    """One started ``command figures.tex`` in a folder of its own, for one compile; ``source``
    is the document, whose body is :data:`READ_PICTURES`."""

    def __init__(self, command: list[str], source: str) -> None:
        self.folder = tempfile.TemporaryDirectory(prefix="dlexam-figures-")
        self.work = Path(self.folder.name)
        (self.work / "figures.tex").write_text(source, encoding="utf-8")
        self.process = subprocess.Popen(
            [*command, "figures.tex"],
            cwd=self.work,
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,  # the log in the folder says what went wrong
            stderr=subprocess.DEVNULL,
        )
        self.owner = os.getpid()

    def draw(self, pictures: str, timeout: float) -> Path | None:
        """Hand over the pictures and wait for TeX to end: the folder with ``figures.pdf``, or
        None when this TeX could not draw them (it stopped, failed or took longer than
        ``timeout``; a forked child's): the caller then compiles them afresh, which reports any
        error."""
        if self.owner != os.getpid() or self.process.poll() is not None:
            return None
        try:
            self.process.communicate(pictures.encode("utf-8"), timeout=timeout)
        except subprocess.TimeoutExpired:
            self.close()
            return None
        return self.work if self.process.returncode == 0 else None

    def close(self) -> None:
        """Stop TeX and remove the folder (a forked child leaves its parent's alone)."""
        if self.owner != os.getpid():
            return
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        self.folder.cleanup()
