"""Reading the CSV files instructors bring: answers, rosters, manual points.

One reader for all of them, so what works in one works in all: UTF-8 with or without a byte-order
mark, comma, semicolon (European spreadsheet exports) or tab delimiters, quoted fields, and the
header spellings people use (``Student ID``, ``student-id``, ``student``, ``id`` all name the
``student_id`` column). Rows keep their physical line numbers for error messages.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.errors import DlexamError

FIELD_LIMIT = 64 * 1024 * 1024  # a 10 MB cell is read (and then refused as an answer), not fatal
DELIMITERS = (",", ";", "\t")
# Other spellings of a column name, after lower-casing and joining words with "_".
ALIASES = {
    "student": "student_id",
    "id": "student_id",
    "studentid": "student_id",
    "student_number": "student_id",
    "matriculation_number": "student_id",
    "student_name": "name",
    "full_name": "name",
}


def column_name(name: str) -> str:
    """The canonical name of a header cell: ``Student ID`` -> ``student_id``."""
    canonical = re.sub(r"[\s\-]+", "_", name.strip().lower())
    return ALIASES.get(canonical, canonical)


def read_table(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and (line number, fields) rows of a CSV file, any delimiter, BOM or not."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise DlexamError(f"cannot read the file: {error.strerror}", where=str(path)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DlexamError(
            f"not UTF-8 text (byte {error.start})",
            where=str(path),
            hint="save the spreadsheet as 'CSV UTF-8'",
        ) from None
    first = text.split("\n", 1)[0]
    delimiter = max(DELIMITERS, key=first.count)
    with _field_limit():
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        rows: list[tuple[int, list[str]]] = []
        start = 1
        try:
            for row in reader:
                rows.append((start, row))
                start = reader.line_num + 1
        except csv.Error as error:
            raise DlexamError(f"malformed CSV: {error}", where=f"{path}:{start}") from None
    if not rows or not any(cell.strip() for cell in rows[0][1]):
        raise DlexamError("the file is empty or has no header row", where=str(path))
    return rows[0][1], rows[1:]


@contextmanager
def _field_limit() -> Iterator[None]:
    previous = csv.field_size_limit()
    csv.field_size_limit(max(previous, FIELD_LIMIT))
    try:
        yield
    finally:
        csv.field_size_limit(previous)
