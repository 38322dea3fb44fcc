"""TikZ figures as SVG, compiled once per distinct picture.

A figure is drawn from a variant's numbers, so many variants share few distinct pictures (and the
exam and solutions of one variant share most of theirs). Each picture is keyed by the SHA-256 of
its TikZ source and the shared figure preamble; a cache folder keeps the SVGs across runs, and all
pictures missing from it are compiled in one ``latex`` run (``standalone`` puts every picture on
its own page) and one ``dvisvgm`` run that turns glyphs into paths, so the SVG needs no fonts.

The folder is ``$DLEXAM_FIGURE_CACHE`` (default ``~/.cache/dlexam/figures``, under
``$XDG_CACHE_HOME`` if set) and holds at most ``$DLEXAM_FIGURE_CACHE_MB`` megabytes (default
:data:`DEFAULT_LIMIT_MB`): after each compile the least recently used SVGs beyond that are
removed, so a server that draws many variants cannot fill the disk. Memory keeps at most
:data:`MEMORY_LIMIT` SVGs per process for the same reason.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path

from generator.atomic import write_text_atomic
from generator.errors import DlexamError
from generator.rendering import document_environment

PICTURE = re.compile(r"\\begin\{tikzpicture\}.*?\\end\{tikzpicture\}", re.DOTALL)
INSTALL_HINT = "install TeX Live and dvisvgm (Debian: apt-get install texlive-pictures dvisvgm)"
TIMEOUT = 300  # seconds for one batch; a picture that loops must not hang a page request
DEFAULT_LIMIT_MB = 200  # a typical figure is 10-60 KB: thousands of distinct pictures
MEMORY_LIMIT = 2000


def _preamble() -> str:
    figures = document_environment().get_template("figures.tex.j2").render()
    return (
        "\\documentclass[dvisvgm,tikz,border=2pt]{standalone}\n"
        "\\usepackage[T1]{fontenc}\n\\usepackage{lmodern}\n\\usepackage{amsmath,amssymb}\n"
        + figures
    )


def default_folder() -> Path:
    chosen = os.environ.get("DLEXAM_FIGURE_CACHE")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "dlexam" / "figures"


def default_limit() -> int:
    """The folder's size bound in bytes, from ``$DLEXAM_FIGURE_CACHE_MB``."""
    text = os.environ.get("DLEXAM_FIGURE_CACHE_MB", "").strip()
    try:
        megabytes = float(text) if text else DEFAULT_LIMIT_MB
    except ValueError:
        raise DlexamError(
            f"DLEXAM_FIGURE_CACHE_MB must be a number of megabytes, not {text!r}"
        ) from None
    return int(megabytes * 1024 * 1024)


def prune(folder: Path, limit: int) -> list[Path]:
    """Remove the least recently used SVGs until the folder holds at most ``limit`` bytes."""
    files = []
    for path in folder.glob("*.svg"):
        with contextlib.suppress(FileNotFoundError):  # another process pruned it already
            stat = path.stat()
            files.append((stat.st_mtime, stat.st_size, path))
    total = sum(size for _, size, _ in files)
    removed = []
    for _, size, path in sorted(files):
        if total <= limit:
            break
        path.unlink(missing_ok=True)
        total -= size
        removed.append(path)
    return removed


class FigureCache:
    """SVG text of TikZ pictures, from memory, the cache folder or one batch compile."""

    def __init__(self, folder: Path | None = None, limit: int | None = None) -> None:
        self.folder = folder or default_folder()
        self.limit = default_limit() if limit is None else limit
        self.preamble = _preamble()
        self.memory: dict[str, str] = {}
        self.compiled = 0  # pictures compiled by this cache (the rest came from the folder)

    def key(self, picture: str) -> str:
        return hashlib.sha256((self.preamble + picture).encode()).hexdigest()

    def svgs(self, pictures: Iterable[str]) -> dict[str, str]:
        """``{picture: svg}`` for every picture, compiling only those never seen before."""
        wanted = {picture: self.key(picture) for picture in pictures}
        for key in set(wanted.values()) - self.memory.keys():
            path = self.folder / f"{key}.svg"
            with contextlib.suppress(FileNotFoundError):
                self.memory[key] = path.read_text(encoding="utf-8")
            with contextlib.suppress(OSError):  # a read-only shared cache is still used
                os.utime(path)  # recently used: pruned last
        missing = {key: picture for picture, key in wanted.items() if key not in self.memory}
        if missing:
            self._compile(missing)
        found = {picture: self.memory[key] for picture, key in wanted.items()}
        if len(self.memory) > MEMORY_LIMIT:
            self.memory.clear()
        return found

    def _compile(self, pictures: dict[str, str]) -> None:
        latex, dvisvgm = shutil.which("latex"), shutil.which("dvisvgm")
        if latex is None or dvisvgm is None:
            raise DlexamError(
                "latex or dvisvgm not found, so figures cannot be drawn", hint=INSTALL_HINT
            )
        keys = sorted(pictures)
        source = "\n".join(
            [
                self.preamble,
                "\\begin{document}",
                *(pictures[key] for key in keys),
                "\\end{document}\n",
            ]
        )
        with tempfile.TemporaryDirectory(prefix="dlexam-figures-") as tmp:
            work = Path(tmp)
            (work / "figures.tex").write_text(source, encoding="utf-8")
            self._run([latex, "-interaction=nonstopmode", "-halt-on-error", "figures.tex"], work)
            self._run([dvisvgm, "--no-fonts", "--page=1-", "-o", "p%p.svg", "figures.dvi"], work)
            self.folder.mkdir(parents=True, exist_ok=True)
            pages = sorted(work.glob("p*.svg"), key=lambda path: int(path.stem[1:]))
            for path, key in zip(pages, keys, strict=True):
                svg = path.read_text(encoding="utf-8")
                write_text_atomic(self.folder / f"{key}.svg", svg)
                self.memory[key] = svg
        self.compiled += len(keys)
        prune(self.folder, self.limit)

    @staticmethod
    def _run(command: list[str], cwd: Path) -> None:
        result = subprocess.run(
            command, cwd=cwd, capture_output=True, text=True, timeout=TIMEOUT, check=False
        )
        if result.returncode != 0:
            log = cwd / "figures.log"
            text = log.read_text(errors="replace") if log.exists() else result.stdout
            errors = [line for line in text.splitlines() if line.startswith("!")] or [result.stderr]
            raise DlexamError(
                f"{Path(command[0]).name} failed on a figure: {errors[0].strip()}",
                hint="dlexam generate (the PDF path) shows the picture's error in context",
            )
