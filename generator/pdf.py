"""PDFs through pdflatex: compile documents of several variants, split them, assemble print files.

(An exam whose own texts are in a script pdflatex cannot print goes through LuaLaTeX the same
way: :mod:`generator.text_engine`.)

One pdflatex run typesets a whole chunk of variants in every mode (see
:mod:`generator.documents`); ``\\typeout`` lines in the log say which pages belong to which
variant and mode, and pypdf cuts the per-variant files out of the result. A LaTeX error is traced
through its line number to the variant and question that caused it; those variants are dropped and
the rest of the chunk is compiled again, so one bad variant never costs the others their PDFs.

pdflatex runs non-interactively, without shell escape, with ``openin_any=p`` (no reading files
outside the build folder by absolute path) and a timeout.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader, PdfWriter

from generator.documents import Place, locate
from generator.variants import Variant

ENGINE = "pdflatex"
INSTALL_HINT = (
    "install TeX Live and poppler, e.g. `sudo apt-get install texlive-latex-base "
    "texlive-latex-recommended texlive-latex-extra texlive-pictures lmodern latexmk "
    "poppler-utils` (what `bash setup.sh` does as root), then run the command again"
)
TIMEOUT_SECONDS = 300
ERROR_LINES = 6  # shown to the user
CONTEXT_LINES = 20  # searched for the "l.<number>" source line
LATEX_ENV = {
    "max_print_line": "1000",  # long log lines unwrapped, so markers and errors parse
    "error_line": "254",
    "half_error_line": "238",
    "openin_any": "p",
    "openout_any": "p",
}
SECTION = re.compile(
    r"^dlexam-section-(?P<edge>begin|end) (?P<variant>\S+) (?P<mode>\S+) (?P<n>\d+)$"
)
SOURCE_LINE = re.compile(r"^l\.(\d+)")
HELP_LINE = re.compile(r"^(See the LaTeX manual|Type  H <return>)")


def find_engine(name: str = ENGINE) -> str | None:
    """The executable of the engine ``name`` (pdflatex, or lualatex for an exam whose texts
    need it: :mod:`generator.text_engine`), or None when it is not installed (tests replace
    this)."""
    return shutil.which(name)


@dataclass(frozen=True)
class LatexFailure:
    """A LaTeX error, where it is, and the variants that have no PDF because of it."""

    place: Place
    lines: tuple[str, ...]
    variants: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.place}: " + "\n    ".join(self.lines)


@dataclass(frozen=True)
class Pages:
    """0-based page range of one section in a chunk PDF; ``padded`` includes the blank page."""

    start: int
    end: int
    padded: int

    @classmethod
    def of(cls, start: int, end: int) -> Pages:
        """A section of a duplex print file, padded with a blank page to an even length so
        that the next section starts on a front side."""
        return cls(start, end, end + (end - start) % 2)


@dataclass
class ChunkResult:
    """The PDF of the variants of a chunk that compiled, and what went wrong with the others."""

    pdf: bytes | None
    sections: dict[tuple[str, str], Pages] = field(default_factory=dict)
    failures: list[LatexFailure] = field(default_factory=list)
    failed_log: str = ""


def run_latex(
    engine: str,
    tex: str,
    timeout: float = TIMEOUT_SECONDS,
    inputs: Mapping[str, bytes] | None = None,
) -> tuple[bytes | None, str]:
    """Compile ``tex`` once in a fresh temporary folder; return the PDF (if any) and the log."""
    pdf, log, _ = run_latex_keeping(engine, tex, timeout, inputs)
    return pdf, log


def run_latex_keeping(
    engine: str,
    tex: str,
    timeout: float = TIMEOUT_SECONDS,
    inputs: Mapping[str, bytes] | None = None,
    keep: Sequence[str] = (),
) -> tuple[bytes | None, str, dict[str, bytes]]:
    """:func:`run_latex` with ``inputs`` (file name -> content) put next to the document first,
    and the files named in ``keep`` that the run wrote returned with the PDF and the log."""
    with tempfile.TemporaryDirectory(prefix="dlexam-latex-") as folder:
        work = Path(folder)
        for name, data in (inputs or {}).items():
            (work / name).write_bytes(data)
        (work / "doc.tex").write_text(tex, encoding="utf-8")
        command = [engine, "-interaction=nonstopmode", "-no-shell-escape", "doc.tex"]
        try:
            subprocess.run(
                command,
                cwd=work,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env={**os.environ, **LATEX_ENV},
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return None, f"! {Path(engine).name} did not finish within {timeout:g} s.\n", {}
        log_path, pdf_path = work / "doc.log", work / "doc.pdf"
        log = log_path.read_bytes().decode("utf-8", "replace") if log_path.exists() else ""
        kept = {name: (work / name).read_bytes() for name in keep if (work / name).exists()}
        return (pdf_path.read_bytes() if pdf_path.exists() else None), log, kept


def log_errors(log: str) -> list[tuple[int | None, tuple[str, ...]]]:
    """Every ``! ...`` error of a pdflatex log: its source line (if given) and its first lines.

    The lines shown end with TeX's ``l.<number>`` context (the line and where in it TeX stopped);
    the help text that follows is left out.
    """
    lines = log.splitlines()
    starts = [i for i, text in enumerate(lines) if text.startswith("! ")]
    errors: list[tuple[int | None, tuple[str, ...]]] = []
    for start, end in zip(starts, [*starts[1:], len(lines)][: len(starts)], strict=True):
        window = lines[start : min(end, start + CONTEXT_LINES)]
        context = [text for text in window if text.strip() and not HELP_LINE.match(text)]
        found = [(i, m) for i, m in enumerate(map(SOURCE_LINE.match, context)) if m]
        if not found:
            errors.append((None, tuple(context[:ERROR_LINES])))
        else:
            at, match = found[0]
            after = context[at + 1 : at + 2]  # TeX's indented rest of the line, if any
            shown = context[: at + 1] + [text for text in after if text.startswith(" ")]
            if len(shown) > ERROR_LINES:  # keep the message and where TeX stopped
                shown = [shown[0], *shown[1 - ERROR_LINES :]]
            errors.append((int(match[1]), tuple(shown)))
    return errors


def log_sections(log: str) -> dict[tuple[str, str], Pages]:
    """The page range of every variant and mode, from the ``\\typeout`` markers of the log."""
    begins: dict[tuple[str, str], int] = {}
    sections = {}
    for line in log.splitlines():
        match = SECTION.match(line)
        if not match:
            continue
        key, count = (match["variant"], match["mode"]), int(match["n"])
        if match["edge"] == "begin":
            begins[key] = count
        else:
            start = begins[key]
            sections[key] = Pages.of(start, count)
    return sections


def compile_variants(
    engine: str,
    variants: Sequence[Variant],
    render: Callable[[list[Variant]], str],
    first_tex: str | None = None,
    inputs: Mapping[str, bytes] | None = None,
) -> ChunkResult:
    """Compile ``variants`` as one document, dropping and reporting the ones that fail."""
    remaining = list(variants)
    failures: list[LatexFailure] = []
    failed_log = ""
    tex = first_tex if first_tex is not None else render(remaining)
    while remaining:
        pdf, log = run_latex(engine, tex, inputs=inputs)
        errors = log_errors(log)
        if pdf is None and not errors:
            errors = [(None, ("! pdflatex wrote no PDF and reported no error",))]
        if not errors:
            return ChunkResult(pdf, log_sections(log), failures, failed_log)
        failed_log = failed_log or log
        located = [(locate(tex, line) if line else Place(None), shown) for line, shown in errors]
        first: dict[str, tuple[Place, tuple[str, ...]]] = {}
        for place, shown in located:
            if place.variant is not None:
                first.setdefault(place.variant, (place, shown))
        if not first:  # only errors outside any variant: nothing in this chunk can compile
            place, shown = located[0]
            failures.append(LatexFailure(place, shown, tuple(v.id for v in remaining)))
            break
        failures += [LatexFailure(place, shown, (v,)) for v, (place, shown) in first.items()]
        remaining = [v for v in remaining if v.id not in first]
        if remaining:
            tex = render(remaining)
    return ChunkResult(None, {}, failures, failed_log)


def pdf_bytes(pieces: Sequence[tuple[PdfReader, range]]) -> bytes:
    """One PDF made of the given page ranges of already-read PDFs, in order."""
    writer = PdfWriter()
    for reader, pages in pieces:
        for number in pages:
            writer.add_page(reader.pages[number])
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))
