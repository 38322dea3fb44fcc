"""The variant's QR code as plain LaTeX rules, computed by segno.

The ``qrcode`` LaTeX package computes the code in TeX macros: about 0.12 s of pdflatex per
variant, an eighth of typesetting 100 variants. segno (a well-kept, pure-Python QR encoder) gives
the module matrix directly; each row's runs of dark modules become ``\\rule``s in a ``picture``,
which pdflatex places in no time and which prints exactly as sharp.
"""

from __future__ import annotations

from functools import cache

import segno

from generator.formatting import Latex

ERROR_LEVEL = "m"  # 15 % of the code may be damaged or scribbled on


def dark_runs(matrix: list[list[bool]]) -> list[tuple[int, int, int]]:
    """(row, first column, length) of every horizontal run of dark modules."""
    runs = []
    for row, cells in enumerate(matrix):
        column = 0
        while column < len(cells):
            if cells[column]:
                start = column
                while column < len(cells) and cells[column]:
                    column += 1
                runs.append((row, start, column - start))
            else:
                column += 1
    return runs


@cache
def qr_latex(text: str, size_cm: float = 2.2) -> Latex:
    """A ``size_cm`` square picture of the QR code of ``text`` (no quiet zone: it sits on white)."""
    code = segno.make(text, error=ERROR_LEVEL, micro=False, boost_error=False)
    matrix = [[bool(cell) for cell in row] for row in code.matrix]
    n = len(matrix)
    rules = "".join(
        f"\\put({column},{n - 1 - row}){{\\rule{{{length}\\unitlength}}{{\\unitlength}}}}"
        for row, column, length in dark_runs(matrix)
    )
    return Latex(
        f"% dlexam qr: {text}\n"
        f"{{\\setlength{{\\unitlength}}{{{size_cm / n:.5f}cm}}"
        f"\\begin{{picture}}({n},{n}){rules}\\end{{picture}}}}"
    )
