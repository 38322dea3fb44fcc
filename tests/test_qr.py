"""The variant's QR code: the LaTeX rules reproduce segno's module matrix exactly."""

from __future__ import annotations

import re

import pytest
import segno

from generator.qr import dark_runs, qr_latex


def modules_drawn(latex: str) -> set[tuple[int, int]]:
    """(row from the top, column) of every module the \\put/\\rule commands paint."""
    size = int(re.search(r"\\begin\{picture\}\((\d+),", latex).group(1))  # type: ignore[union-attr]
    painted = set()
    for x, y, length in re.findall(r"\\put\((\d+),(\d+)\)\{\\rule\{(\d+)\\unitlength\}", latex):
        for column in range(int(x), int(x) + int(length)):
            painted.add((size - 1 - int(y), column))
    return painted


@pytest.mark.parametrize("text", ["V001", "V042", "V1000", "exam-2026-V007"])
def test_the_picture_paints_exactly_the_dark_modules(text: str) -> None:
    matrix = segno.make(text, error="m", micro=False, boost_error=False).matrix
    dark = {(r, c) for r, row in enumerate(matrix) for c, cell in enumerate(row) if cell}
    assert modules_drawn(qr_latex(text)) == dark


def test_runs_cover_each_row_without_overlap() -> None:
    assert dark_runs([[True, True, False, True], [False, False, False, False]]) == [
        (0, 0, 2),
        (0, 3, 1),
    ]
