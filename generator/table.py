"""Reading the CSV files instructors bring: answers, rosters, manual points.

One reader for all of them, so what works in one works in all: UTF-8 with or without a byte-order
mark, UTF-16 with one (Excel's "Unicode Text"), else Windows-1252 (with a warning); comma,
semicolon (European spreadsheet exports) or tab delimiters, quoted fields, and the header
spellings people use (``Student ID``, ``student-id``, ``student``, ``id`` all name the
``student_id`` column). Rows keep their physical line numbers for error messages.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from generator.errors import DlexamError
from generator.spreadsheet import plain_cell

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


@dataclass
class Table:
    """A CSV file as read: the header, (line number, fields) rows, and what was assumed."""

    header: list[str]
    rows: list[tuple[int, list[str]]]
    warnings: list[str]
    header_line: int = 1


def _decode(raw: bytes, path: Path) -> tuple[str, list[str]]:
    """UTF-8 (BOM or not); UTF-16 with its byte-order mark (Excel's "Unicode Text", tab
    delimited); else Windows-1252, what Excel on Windows saves as plain "CSV"."""
    if raw[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        try:
            return raw.decode("utf-16"), []
        except UnicodeDecodeError as error:
            raise DlexamError(
                f"starts like UTF-16 text but byte {error.start} is not UTF-16",
                where=str(path),
                hint="save the spreadsheet as 'CSV UTF-8'",
            ) from None
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        utf8_error = error
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        raise DlexamError(
            f"not UTF-8 text (byte {utf8_error.start}) and not Windows-1252 either",
            where=str(path),
            hint="save the spreadsheet as 'CSV UTF-8'",
        ) from None
    warning = (
        f"{path}: not UTF-8 (byte {utf8_error.start}); read as Windows-1252, the encoding "
        "Excel on Windows uses (save as 'CSV UTF-8' to be sure accents are right)"
    )
    return text, [warning]


def _split_rows(text: str, path: Path) -> tuple[list[tuple[int, list[str]]], list[str]]:
    """Every record with the line it starts on, delimiter guessed from the first non-blank line,
    and what was assumed. A quote that opens a cell and is never closed would make the rest of
    the file one cell (every later student lost): that line is read with the quote as a
    character, and the lines after it as rows, with a warning."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(DELIMITERS, key=first.count)
    lines = text.splitlines(keepends=True)
    rows: list[tuple[int, list[str]]] = []
    warnings: list[str] = []
    offset = 0
    while True:
        part = _records("".join(lines[offset:]), delimiter, path, offset)
        rows.extend(part)
        if not part or not _unclosed("".join(lines[part[-1][0] - 1 :]), delimiter):
            return rows, warnings
        line = part[-1][0]
        literal = csv.reader([lines[line - 1]], delimiter=delimiter, quoting=csv.QUOTE_NONE)
        rows[-1] = (line, next(literal, []))
        warnings.append(
            f"{path}: line {line}: a quote opens a cell that is never closed; the line is read "
            "with the quote as a character and the next lines as rows (check that cell)"
        )
        offset = line


def _records(text: str, delimiter: str, path: Path, offset: int) -> list[tuple[int, list[str]]]:
    with _field_limit():
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        rows: list[tuple[int, list[str]]] = []
        start = 1
        try:
            quoted = "'" in text  # a cell csv_text protected from being run as a formula
            for row in reader:
                rows.append((offset + start, [plain_cell(c) for c in row] if quoted else row))
                start = reader.line_num + 1
        except csv.Error as error:
            where = f"{path}:{offset + start}"
            raise DlexamError(f"malformed CSV: {error}", where=where) from None
    return rows


def _unclosed(text: str, delimiter: str) -> bool:
    """Whether the last record of ``text`` ends inside a quoted cell (at the end of the file)."""
    try:
        with _field_limit():
            list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as error:
        return "unexpected end of data" in str(error)
    return False


def read_table(path: Path) -> Table:
    """The header and rows of a CSV file, any delimiter, BOM or not, as spreadsheets leave them.

    Spreadsheets export blank lines above the table, empty columns after the last header
    (``1b;;``) and rows whose trailing empty cells are left out; these are read as meant, and
    each assumption is a warning.
    """
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise DlexamError(f"cannot read the file: {error.strerror}", where=str(path)) from None
    text, warnings = _decode(raw, path)
    rows, assumed = _split_rows(text, path)
    warnings += assumed
    while rows and _blank(rows[0][1]):
        rows.pop(0)
    if not rows:
        raise DlexamError("the file is empty or has no header row", where=str(path))
    line, header = rows[0]
    if line > 1:
        warnings.append(f"{path}: blank lines above the header skipped; the header is line {line}")
    width = len(header)
    while width and not header[width - 1].strip():
        width -= 1
    if width < len(header):
        warnings.append(
            f"{path}: {len(header) - width} empty column(s) after the last header "
            f"{header[width - 1].strip()!r} ignored"
        )
    padded = []
    table = []
    for number, row in rows[1:]:
        if len(row) > width and _blank(row[width:]):
            row = row[:width]
        elif 0 < len(row) < width and not _blank(row):
            padded.append(number)
            row = row + [""] * (width - len(row))
        table.append((number, row))
    if padded:
        shown = ", ".join(map(str, padded[:10])) + (", ..." if len(padded) > 10 else "")
        warnings.append(
            f"{path}: line(s) {shown} have fewer fields than the header; "
            "the missing cells at the end are read as blank"
        )
    return Table(header[:width], table, warnings, line)


def _blank(row: list[str]) -> bool:
    return not any(cell.strip() for cell in row)


@contextmanager
def _field_limit() -> Iterator[None]:
    previous = csv.field_size_limit()
    csv.field_size_limit(max(previous, FIELD_LIMIT))
    try:
        yield
    finally:
        csv.field_size_limit(previous)
