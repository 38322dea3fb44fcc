"""CSV text that a spreadsheet opens as plain data, whatever a student typed.

Every CSV dlexam writes goes through :func:`csv_text`: the answer template of ``dlexam generate``,
the grader's scores, errors, report and feedback index, and ``dlexam scan``'s answers, review and
manual-points files (it lives in ``generator/`` because
the grader reads from the generator, never the other way).

Two dangers come with untrusted cells (student ids, names, answers in the report):

* **Formula injection** (OWASP "CSV Injection"): a cell beginning with ``=``, ``+``, ``-``, ``@``,
  a tab or a carriage return is run as a formula by Excel and LibreOffice
  (``=HYPERLINK(...)``, ``+cmd|' /C calc'!A0``). Such a text cell is prefixed with ``'``, which
  spreadsheets show as text; a plain number like ``-2`` or ``+1.5e3`` stays a number. dlexam's
  own CSV reader takes the ``'`` off again (:func:`plain_cell`), so a file it wrote and reads
  back (answers, manual points) round-trips exactly.
* **Broken records**: a line break inside a cell must be quoted, or every reader sees two rows.
  Rows end in CRLF as RFC 4180 says, which makes Python's writer quote a lone CR as well (with
  ``\\n`` as terminator it leaves ``\\r`` bare, and readers split the record there).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable

FORMULA_STARTS = frozenset("=+-@\t\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def safe_cell(cell: object) -> object:
    """``'=1+1`` for ``=1+1``; numbers and text that cannot start a formula are unchanged."""
    if (
        isinstance(cell, str)
        and cell[:1] in FORMULA_STARTS
        and cell
        and _PLAIN_NUMBER.fullmatch(cell) is None
    ):
        return "'" + cell
    return cell


def plain_cell(cell: str) -> str:
    """The cell as it was before :func:`safe_cell`: ``=1+1`` for ``'=1+1``, so every CSV dlexam
    writes reads back exactly as it was meant (:func:`generator.table.read_table` applies it).
    A ``'`` that :func:`safe_cell` would not have added is kept."""
    if cell[:1] == "'" and cell[1:2] in FORMULA_STARTS and safe_cell(cell[1:]) != cell[1:]:
        return cell[1:]
    return cell


def csv_text(rows: Iterable[Iterable[object]]) -> str:
    """The rows as CSV text, every cell neutralised (see the module docstring)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    starts = FORMULA_STARTS
    writer.writerows(
        # the test of safe_cell inlined: it runs for every cell of a class of thousands
        [
            safe_cell(cell) if type(cell) is str and cell and cell[0] in starts else cell
            for cell in row
        ]
        for row in rows
    )
    return buffer.getvalue()
