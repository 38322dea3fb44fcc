"""Class rosters: ``--roster students.csv`` gives every student their own variant.

The CSV has a header with the columns ``student_id`` and ``name`` (others are ignored; the grader's
spellings and delimiters are accepted: ``Student ID;Name``). Every bad
row is reported at once with its line number, so a roster is fixed in one pass, not one error per
run. The assignment is recorded in keys.json (``variants[].student``), which is how the grader
knows who wrote which variant.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.errors import DlexamError
from generator.table import column_name, read_table
from generator.variants import Exam

COLUMNS = ("student_id", "name")
MAX_PROBLEMS_SHOWN = 20


@dataclass(frozen=True)
class Student:
    id: str
    name: str


@dataclass(frozen=True)
class Roster:
    """The students in file order, and what was assumed to read a messy file (a Windows-1252
    file, blank lines above the header), which the instructor should see: names are printed."""

    students: list[Student]
    warnings: list[str]


def read_roster(path: Path) -> Roster:
    """The students of ``path``; every problem is reported with its line number.

    Read like the grader reads answers (:mod:`generator.table`): any delimiter, BOM or not, and
    header spellings such as ``Student ID;Name``."""
    try:
        table = read_table(path)
        raw_header, rows = table.header, table.rows
    except DlexamError as error:
        raise DlexamError(f"roster: {error.message}", where=error.where, hint=error.hint) from None
    header = [column_name(cell) for cell in raw_header]
    missing = [column for column in COLUMNS if column not in header]
    if missing:
        raise DlexamError(
            f"line 1: the header lacks {', '.join(missing)} (it has {', '.join(raw_header)})",
            where=str(path),
            hint="the first line must name the columns, e.g. student_id,name",
        )
    id_column, name_column = header.index("student_id"), header.index("name")
    students: list[Student] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        cells = {i: cell.strip() for i, cell in enumerate(row)}
        student_id, name = cells.get(id_column, ""), cells.get(name_column, "")
        if not student_id:
            problems.append(f"line {line}: empty student_id")
        elif student_id in seen:
            first = seen[student_id]
            problems.append(f"line {line}: duplicate student_id {student_id!r} (also line {first})")
        else:
            seen[student_id] = line
            students.append(Student(student_id, name))
    if problems:
        shown = problems[:MAX_PROBLEMS_SHOWN]
        more = len(problems) - len(shown)
        raise DlexamError(
            "; ".join(shown) + (f"; and {more} more" if more else ""),
            where=str(path),
            hint="every row needs its own non-empty student_id",
        )
    if not students:
        raise DlexamError("the roster has no students", where=str(path))
    return Roster(students, [f"roster: {warning}" for warning in table.warnings])


def assign(exam: Exam, students: list[Student]) -> None:
    """Give variant i to student i (the exam must have exactly one variant per student)."""
    if len(exam.variants) != len(students):
        raise DlexamError(
            f"{len(students)} students but {len(exam.variants)} variants",
            hint="a roster sets the variant count; leave out --variants",
        )
    for variant, student in zip(exam.variants, students, strict=True):
        variant.student = {"id": student.id, "name": student.name}
