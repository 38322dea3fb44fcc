"""Draw the bubble answer sheets of :mod:`generator.bubbles` with TikZ and typeset them.

Each page is one page-sized ``tikzpicture`` in millimetres with the y axis pointing down, so a
centre in the layout model is the centre drawn, with no LaTeX box model in between. The symbols
inside the bubbles are printed light grey: a reader sees them, the scanner's dark-pixel count
barely does.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from generator import bubbles as layout_model
from generator.atomic import write_bytes_atomic
from generator.bubbles import Column, Entry, SheetLayout
from generator.errors import DlexamError
from generator.pdf import Pages, pdf_bytes, reader, run_latex
from generator.qr import qr_latex
from generator.rendering import render_document, tex_escape
from generator.spec import ExamSpec
from generator.text_engine import FONTS, LUALATEX, PDFLATEX

PREAMBLE = r"""\usepackage[paperwidth=210mm,paperheight=297mm,margin=0mm]{geometry}
\usepackage{graphicx}
\usepackage{tikz}
\setlength{\topskip}{0pt}\setlength{\parindent}{0pt}\pagestyle{empty}
\tikzset{bubble/.style={draw=black,line width=0.35pt},
  filled/.style={fill=black},
  sym/.style={font=\fontsize{5}{5}\selectfont\sffamily,text=black!45,inner sep=0pt},
  lab/.style={font=\footnotesize\sffamily,anchor=south west,inner sep=0pt}}
\begin{document}
"""

INSTRUCTIONS = (
    r"Fill each bubble completely with a dark pen or a soft pencil; erase cleanly. "
    r"Numbers: sign, three digits $d.dd$ and the power of ten, e.g. $-0.235 = -2.35\times10^{-1}$"
    r" (right). Integers: one digit per column, from the left. Leave a part blank to skip it. "
    r"Write expressions in their boxes. Do not write near the black squares or the QR code."
)

HEADER_X = 20.0  # mm: the header's left edge
HEADER_W = layout_model.QR_BOX[0] - HEADER_X - 4.0  # what the QR code leaves, with a gap
INSTRUCTIONS_Y = 34.0  # below the header's three lines
SHEETS = ("boxes", "bubbles")  # generate --sheet: boxes to write in (always made), or bubbles too
SYMBOL_TEX = {layout_model.MINUS: "$-$", layout_model.INFINITY: r"$\infty$"}
EXAMPLE_FILLED = ("-", "2", "3", "5", "-", "1")  # -2.35e-1, in the number block's column order


EXAM_INSTRUCTIONS = (
    "Answer on the bubble answer sheet: it is read by a scanner. Fill each bubble completely "
    "with a dark pen or a soft pencil and erase cleanly; one bubble per column. Multiple choice: "
    "the bubble of your option (several where the part says so). Integers: one digit per column, "
    "from the left, and the minus bubble for a negative number. Other numbers: sign, three "
    "significant digits and the power of ten. Worked example: -0.235 = -2.35 x 10^-1, so fill "
    "the minus bubble of the sign column, 2, 3 and 5 in the three digit columns, the minus bubble "
    "of the exponent sign and 1 in the exponent column (the sheet shows it filled in). Vectors and "
    "matrices: one number per entry; intervals: each end with its bracket. Write expressions in "
    "the boxes of the sheet; parts without a block on the sheet are answered here."
)


def with_sheet_instructions(spec: ExamSpec) -> ExamSpec:
    """The spec with the exam's instructions saying how to fill the bubble sheet."""
    instructions = (
        f"{spec.instructions}\n\n{EXAM_INSTRUCTIONS}" if spec.instructions else EXAM_INSTRUCTIONS
    )
    return replace(spec, instructions=instructions)


def _mm(value: float) -> str:
    return f"{value:.2f}"


def _column(column: Column, filled: str | None = None) -> list[str]:
    lines = []
    for symbol, (x, y) in zip(column.symbols, column.centers, strict=True):
        style = "bubble,filled" if symbol == filled else "bubble"
        text = SYMBOL_TEX.get(symbol, symbol)
        lines.append(
            f"\\draw[{style}] ({_mm(x)},{_mm(y)}) circle ({layout_model.RADIUS}mm);"
            f"\\node[sym] at ({_mm(x)},{_mm(y)}) {{{text}}};"
        )
    return lines


def _entry(entry: Entry, filled: Sequence[str] = ()) -> list[str]:
    x, y, w, h = entry.box
    lines = [
        f"\\draw[line width=0.3pt,black!60] ({_mm(x)},{_mm(y)}) "
        f"rectangle ({_mm(x + w)},{_mm(y + h)});",
        f"\\node[lab] at ({_mm(x + 1)},{_mm(y + layout_model.LABEL_H - 0.8)}) "
        f"{{\\textbf{{{tex_escape(entry.label)}}}}};",
    ]
    if entry.kind == "number":
        digits = [c.centers[0][0] for c in entry.columns if c.role == "digit"]
        bottom = _mm(y + h - 0.3)
        lines.append(
            f"\\node[sym,text=black] at ({_mm((digits[0] + digits[1]) / 2)},{bottom}) {{.}};"
        )
        lines.append(
            f"\\node[sym,text=black] at ({_mm(digits[-1] + layout_model.PITCH)},{bottom}) "
            r"{$\times10$};"
        )
    for index, column in enumerate(entry.columns):
        lines += _column(column, filled[index] if index < len(filled) else None)
    return lines


def _example() -> list[str]:
    """The worked example: a number block filled in for -2.35e-1."""
    profile = layout_model.PartProfile()
    block = layout_model.number_block("example", "example: -0.235", profile)
    entry = block.placed(*layout_model.EXAMPLE_PLACE)
    return _entry(entry, EXAMPLE_FILLED)


def _header_line(y: float, font: str, text: str) -> str:
    """One line of the header, shrunk to the width the QR code leaves (``\\dlfit`` of
    ``fit.tex.j2``, as on the exam), so a long title or name never runs into the code."""
    return (
        f"\\node[anchor=north west,font={font},inner sep=0pt] at ({_mm(HEADER_X)},{_mm(y)}) "
        f"{{\\dlfit{{{HEADER_W:.0f}mm}}{{{text}}}}};"
    )


def _header(layout: SheetLayout, page: int, name: str) -> list[str]:
    """Title; variant, page and student id; the student's name on a line of its own, as the
    exam's name field gives a long name its own line before shrinking it."""
    who = f"Variant {layout.variant} \\quad page {page} of {len(layout.pages)}"
    if layout.student_id:
        who += f" \\quad Student {tex_escape(layout.student_id)}"
    lines = [
        _header_line(17, "\\large\\bfseries", f"{tex_escape(layout.title)} -- answer sheet"),
        _header_line(23, "\\small", who),
    ]
    if layout.student_id and name:
        lines.append(_header_line(27, "\\small", name))
    lines += [
        f"\\node[anchor=north west,inner sep=0pt] at ({_mm(layout_model.QR_BOX[0])},"
        f"{_mm(layout_model.QR_BOX[1])}) "
        f"{{{qr_latex(layout.qr_text(page), layout_model.QR_SIZE / 10)}}};",
    ]
    if page == 1:
        lines.append(
            f"\\node[anchor=north west,text width=135mm,font=\\footnotesize,align=left] "
            f"at ({_mm(HEADER_X)},{_mm(INSTRUCTIONS_Y)}) {{{INSTRUCTIONS}"
            + (r" Bubble your student id below." if layout.student_id is None else "")
            + "};"
        )
        lines += _example()
    return lines


def _marks() -> list[str]:
    half = layout_model.MARK_SIZE / 2
    return [
        f"\\fill ({_mm(x - half)},{_mm(y - half)}) rectangle ({_mm(x + half)},{_mm(y + half)});"
        for x, y in layout_model.MARKS
    ]


def sheet_tex(
    layouts: Sequence[SheetLayout], names: Mapping[str, str] | None = None, engine: str = PDFLATEX
) -> str:
    """One document with every page of every sheet, each page a page-sized picture; a sheet of
    an odd number of pages is followed by a blank page, so every sheet starts on a front side
    when the document is printed double-sided.

    ``names`` maps a variant to its student's name as the exam prints it
    (:func:`~generator.documents.name_tex`, a picture of ``fragments.pdf``, so a name in any
    script prints though pdflatex sets the sheet). ``engine``: the name of the engine that sets
    it, LuaLaTeX for an exam whose texts need it (:mod:`generator.text_engine`)."""
    names = names or {}
    fonts = render_document("engine.tex.j2", {"engine": engine, "fallback_fonts": FONTS})
    preamble = "\\documentclass{article}\n" + fonts + PREAMBLE + render_document("fit.tex.j2", {})
    preamble += render_document("names.tex.j2", {}) if any(names.values()) else ""
    body = []
    for layout in layouts:
        for page in layout.pages:
            lines = [
                r"\begin{tikzpicture}[x=1mm,y=-1mm]",
                r"\useasboundingbox (0,0) rectangle (210,297);",
                *_marks(),
                *_header(layout, page.number, names.get(layout.variant, "")),
            ]
            for entry in page.entries:
                lines += _entry(entry)
            lines.append(r"\end{tikzpicture}\newpage")
            body.append("\n".join(lines))
        if len(layout.pages) % 2:
            body.append(r"\null\newpage")
    return preamble + "\n".join(body) + "\n\\end{document}\n"


def write_bubble_sheets(
    document: Mapping[str, Any],
    out_dir: Path,
    names: Mapping[str, str],
    engine: str,
    student_names: Mapping[str, str] | None = None,
    inputs: Mapping[str, bytes] | None = None,
    refused: Collection[str] = (),
) -> list[Path]:
    """Typeset ``bubble-sheets/<name>.pdf`` per variant (``names``: variant -> file name,
    ``V001.pdf`` by default) and ``bubble-sheets-all.pdf`` (every sheet starting on an odd page,
    like the other print files). The variants in ``refused`` (students whose name cannot be
    printed) get no sheet, as they get no exam.

    ``student_names`` and ``inputs`` (the files the names' pictures need, see
    :meth:`generator.fragments.Fragments.files`) print each student's name on their sheet. The
    page count of every sheet is known from the layout, so the combined PDF is cut into
    per-variant files without markers. Returns the files written."""
    layouts = [
        layout_model.sheet_layout(document, v["id"])
        for v in document["variants"]
        if v["id"] not in refused
    ]
    name = LUALATEX if Path(engine).name == LUALATEX else PDFLATEX  # the exam's engine
    pdf, log = run_latex(engine, sheet_tex(layouts, student_names, name), inputs=inputs)
    if pdf is None:
        tail = "\n".join(log.splitlines()[-12:])
        raise DlexamError(f"the bubble sheets did not typeset:\n{tail}")
    combined = reader(pdf)
    written, start = [], 0
    for layout in layouts:
        pages = Pages.of(start, start + len(layout.pages))
        target = out_dir / "bubble-sheets" / names.get(layout.variant, f"{layout.variant}.pdf")
        write_bytes_atomic(target, pdf_bytes([(combined, range(pages.start, pages.end))]))
        written.append(target)
        start = pages.padded
    all_path = out_dir / "bubble-sheets-all.pdf"
    write_bytes_atomic(all_path, pdf)
    written.append(all_path)
    return written
