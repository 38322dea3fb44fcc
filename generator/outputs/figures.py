"""TikZ figures as SVG, compiled once per distinct picture.

A figure is drawn from a variant's numbers, so many variants share few distinct pictures (and the
exam and solutions of one variant share most of theirs). Each picture is keyed by the SHA-256 of
its TikZ source and the shared figure preamble; a cache folder keeps the SVGs across runs, and all
pictures missing from it are compiled in one ``pdflatex`` run (``standalone`` puts every picture
on its own page) and one ``mutool convert`` run that writes each page as an SVG with glyphs as
paths, so the SVG needs no fonts. (dvisvgm draws the same pictures, but starts Ghostscript on
every run: 75 ms of CPU per run against mutool's 10.)

The folder is ``$DLEXAM_FIGURE_CACHE`` (default ``~/.cache/dlexam/figures``, under
``$XDG_CACHE_HOME`` if set) and holds at most ``$DLEXAM_FIGURE_CACHE_MB`` megabytes (default
:data:`DEFAULT_LIMIT_MB`): the least recently used SVGs beyond that are removed (on a process's
first compile, then after each :data:`PRUNE_SHARE` of the bound written), so a server that draws
many variants cannot fill the disk. Memory keeps at most
:data:`MEMORY_LIMIT` SVGs per process for the same reason.
"""

from __future__ import annotations

import atexit
import contextlib
import gzip
import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

from generator.atomic import write_text_atomic
from generator.coalesce import Coalescer
from generator.errors import DlexamError
from generator.outputs.spare_latex import READ_PICTURES, SpareLatex
from generator.rendering import document_environment

PICTURE = re.compile(r"\\begin\{tikzpicture\}.*?\\end\{tikzpicture\}", re.DOTALL)
INSTALL_HINT = (
    "install TeX Live and MuPDF's tools (Debian: apt-get install texlive-pictures mupdf-tools)"
)
TIMEOUT = 300  # seconds for one batch; a picture that loops must not hang a page request
DEFAULT_LIMIT_MB = 200  # a typical figure is 10-60 KB: thousands of distinct pictures
MEMORY_LIMIT = 2000
PRUNE_SHARE = 0.01  # of the size bound written between two prunings of the folder
ENGINE = "pdflatex"
TEX_FLAGS = ["-interaction=nonstopmode", "-halt-on-error"]
MUTOOL = ["convert", "-F", "svg", "-O", "text=path", "-o", "p%d.svg", "figures.pdf"]


def _preamble() -> str:
    figures = document_environment().get_template("figures.tex.j2").render()
    return (
        "\\documentclass[tikz,border=2pt]{standalone}\n"
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


@cache
def _tex_version(latex: str) -> str:
    """What a preloaded format was made by (``pdfTeX 3.14... (TeX Live 2022/Debian)``)."""
    return subprocess.run(
        [latex, "--version"], capture_output=True, text=True, timeout=TIMEOUT, check=False
    ).stdout


def _store_uncompressed(path: Path) -> None:
    """Write a gzip-compressed format back uncompressed. TeX reads formats through zlib, which
    passes plain files through, and inflating the ~19 MB a TikZ format holds took two thirds of
    every figure run's ``latex`` start (80 of 100 ms for a one-line picture; 30 ms without)."""
    with path.open("rb") as stream:
        if stream.read(2) != b"\x1f\x8b":  # a TeX built without format compression
            return
    with gzip.open(path, "rb") as packed, path.with_suffix(".raw").open("wb") as plain:
        shutil.copyfileobj(packed, plain)
    os.replace(path.with_suffix(".raw"), path)


class FigureCache:
    """SVG text of TikZ pictures, from memory, the cache folder or one batch compile.

    Threads asking at once (the figure requests of a busy server) share compile runs, and each
    run starts from a LaTeX format with the figure preamble already loaded (made once per
    preamble and TeX version, kept in the folder next to the SVGs and not counted in its size
    bound): TikZ takes longer to load than a picture takes to draw. The SVG is the same as
    without the format, byte for byte. With ``spare`` (a server) a pdflatex is kept started
    from that format (:class:`~generator.outputs.spare_latex.SpareLatex`), so that the next
    compile only draws. ``niceness`` (a server's) runs LaTeX and mutool at that lower CPU
    priority, so that on a busy machine the pages and checks students wait on go first and the
    figures, which a browser shows when they come, take the CPU left over."""

    def __init__(
        self,
        folder: Path | None = None,
        limit: int | None = None,
        spare: bool = False,
        niceness: int = 0,
    ) -> None:
        self.folder = folder or default_folder()
        self.limit = default_limit() if limit is None else limit
        self.preamble = _preamble()
        self.memory: dict[str, str] = {}
        self.compiled = 0  # pictures compiled by this cache (the rest came from the folder)
        self.preload = True  # start compiles from the folder's preloaded format
        self.unpruned = float("inf")  # bytes written since the folder was last pruned
        self.keep_spare = spare
        self.lowered = ["nice", "-n", str(niceness)] if niceness else []  # coreutils' nice
        self.spare: SpareLatex | None = None
        if spare:
            atexit.register(self.close)
        self.runs: Coalescer[str, str] = Coalescer(
            self._compile, failures=(DlexamError, OSError, subprocess.SubprocessError)
        )

    def key(self, picture: str) -> str:
        return hashlib.sha256((self.preamble + picture).encode()).hexdigest()

    def svgs(self, pictures: Iterable[str]) -> dict[str, str]:
        """``{picture: svg}`` for every picture, compiling only those never seen before."""
        wanted = {picture: self.key(picture) for picture in pictures}
        found = {picture: self._stored(key) for picture, key in wanted.items()}
        missing = [picture for picture, svg in found.items() if svg is None]
        if missing:
            found.update(self.runs(missing))
        if len(self.memory) > MEMORY_LIMIT:
            self.memory.clear()
        return {picture: str(svg) for picture, svg in found.items()}

    def _stored(self, key: str) -> str | None:
        """The SVG from memory or the folder (marked as recently used), or None."""
        if key not in self.memory:
            path = self.folder / f"{key}.svg"
            with contextlib.suppress(FileNotFoundError):
                self.memory[key] = path.read_text(encoding="utf-8")
            with contextlib.suppress(OSError):  # a read-only shared cache is still used
                os.utime(path)  # recently used: pruned last
        return self.memory.get(key)

    def _compile(self, pictures: list[str]) -> list[str]:
        """One LaTeX and one mutool run for the pictures no earlier run has made meanwhile."""
        latex, mutool = shutil.which(ENGINE), shutil.which("mutool")
        if latex is None or mutool is None:
            raise DlexamError(
                f"{ENGINE} or mutool not found, so figures cannot be drawn", hint=INSTALL_HINT
            )
        named = {picture: self.key(picture) for picture in pictures}
        made = {key: self._stored(key) for key in named.values()}  # by a run meanwhile?
        todo = {key: picture for picture, key in named.items() if made[key] is None}
        keys = sorted(todo)
        if keys:
            with self._drawn(latex, "\n".join(todo[key] for key in keys)) as work:
                self._run([mutool, *MUTOOL], work)
                self.folder.mkdir(parents=True, exist_ok=True)
                pages = sorted(work.glob("p*.svg"), key=lambda path: int(path.stem[1:]))
                written = 0
                for path, key in zip(pages, keys, strict=True):
                    svg = made[key] = self.memory[key] = path.read_text(encoding="utf-8")
                    write_text_atomic(self.folder / f"{key}.svg", svg)
                    written += len(svg)
            self.compiled += len(keys)
            self._prune_now_and_then(written)
            self._start_spare(latex)
        return [str(made[named[picture]]) for picture in pictures]

    @contextlib.contextmanager
    def _drawn(self, latex: str, pictures: str) -> Iterator[Path]:
        """A folder with ``figures.pdf`` of the pictures: drawn by the spare TeX when one is
        waiting and can, else by a run of its own (which reports a picture's error)."""
        spare, self.spare = self.spare, None
        try:
            work = spare.draw(f"{pictures}\n", TIMEOUT) if spare is not None else None
            if work is not None:
                yield work
                return
        finally:
            if spare is not None:
                spare.close()
        with tempfile.TemporaryDirectory(prefix="dlexam-figures-") as tmp:
            work = Path(tmp)
            (work / "figures.tex").write_text(self._document(pictures), encoding="utf-8")
            self._latex(latex, work)
            yield work

    def _start_spare(self, latex: str) -> None:
        """Start the next compile's pdflatex now, if this cache keeps one (needs the format)."""
        if self.keep_spare and self.spare is None:
            preloaded = self._format(latex)
            if preloaded is not None:
                command = [*self.lowered, latex, *TEX_FLAGS, f"-fmt={preloaded}"]
                self.spare = SpareLatex(command, self._document(READ_PICTURES))

    def _document(self, body: str) -> str:
        """The LaTeX source of a figure run (with an empty body: of the preloaded format)."""
        return f"{self.preamble}\n\\begin{{document}}\n{body}\n\\end{{document}}\n"

    def close(self) -> None:
        """Stop the spare pdflatex, if one is waiting."""
        spare, self.spare = self.spare, None
        if spare is not None:
            spare.close()

    def _prune_now_and_then(self, written: int) -> None:
        """Prune on the first compile, then whenever this cache has written another
        :data:`PRUNE_SHARE` of the bound: a scan reads every file's size and age (40 ms of a
        busy server's Python for a full folder of 6 000 SVGs), and the bound allows
        overshooting by that share per process between scans."""
        self.unpruned += written
        if self.unpruned > self.limit * PRUNE_SHARE:
            prune(self.folder, self.limit)
            self.unpruned = 0

    def prepare(self) -> bool:
        """Make the preloaded format now if it is missing (a server at start-up, so that its
        first figure does not wait for it); False when figures will be drawn without one."""
        latex = shutil.which(ENGINE)
        if latex is None or self._format(latex) is None:
            return False
        self._start_spare(latex)
        return True

    def _latex(self, latex: str, work: Path) -> None:
        """``pdflatex figures.tex``, from the preloaded format when there is one. When that fails
        and the plain run does not, the format no longer fits the TeX installation (an
        upgrade): it is removed, to be made again by the next process; this one goes on without
        (a format that never works must not be remade for every figure)."""
        command = [latex, *TEX_FLAGS]
        preloaded = self._format(latex)
        if preloaded is not None:
            try:
                self._run([*command, f"-fmt={preloaded}", "figures.tex"], work)
                return
            except DlexamError:
                pass
        self._run([*command, "figures.tex"], work)
        if preloaded is not None:
            preloaded.with_suffix(".fmt").unlink(missing_ok=True)
            self.preload = False

    def _format(self, latex: str) -> Path | None:
        """The folder's format with this preamble loaded (made on first use, replacing the
        format of an earlier preamble or TeX version), or None when it cannot be made (no
        mylatexformat, a read-only folder): figures are drawn without it."""
        if not self.preload:
            return None
        digest = hashlib.sha256((self.preamble + _tex_version(latex)).encode()).hexdigest()
        stem = self.folder / f"preamble-{digest[:24]}"
        if stem.with_suffix(".fmt").exists():
            return stem
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryDirectory(prefix="dlexam-format-", dir=self.folder) as tmp:
                work = Path(tmp)
                (work / "preamble.tex").write_text(self._document(""), encoding="utf-8")
                ini = [latex, "-ini", *TEX_FLAGS]
                ini += ["-jobname=preamble", f"&{ENGINE}", "mylatexformat.ltx", "preamble.tex"]
                self._run(ini, work, log="preamble.log")
                _store_uncompressed(work / "preamble.fmt")
                os.replace(work / "preamble.fmt", stem.with_suffix(".fmt"))
            for old in self.folder.glob("preamble-*.fmt"):  # an earlier preamble's: 20 MB each
                if old != stem.with_suffix(".fmt"):
                    old.unlink(missing_ok=True)
        except (DlexamError, OSError, subprocess.SubprocessError):
            return None
        return stem

    def _run(self, command: list[str], cwd: Path, log: str = "figures.log") -> None:
        result = subprocess.run(
            [*self.lowered, *command],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
        if result.returncode != 0:
            path = cwd / log
            text = path.read_text(errors="replace") if path.exists() else result.stdout
            errors = [line for line in text.splitlines() if line.startswith("!")] or [result.stderr]
            raise DlexamError(
                f"{Path(command[0]).name} failed on a figure: {errors[0].strip()}",
                hint="dlexam generate (the PDF path) shows the picture's error in context",
            )
