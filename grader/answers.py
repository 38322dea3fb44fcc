"""Reading the answers CSV, whatever spreadsheet wrote it.

Two layouts, told apart by the header: *wide* (``student_id, variant, 1a, 1b, ...``, one row per
student, as ``answers-template.csv``) and *long* (``student_id, variant, part, answer``, one row
per answer). UTF-8 with or without a byte-order mark; comma, semicolon (European exports) or tab
delimiters; quoted fields; columns the keys do not know are passed through to ``scores.csv``; the
variant column may be missing when the keys' roster assigns each student a variant.

Nothing is dropped silently: a row that cannot be graded (unknown variant, repeated student id,
wrong number of fields, an empty line) becomes a :class:`RowError` with its line number, so rows
read = rows graded + rows in ``errors.csv``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.build import EXAMPLE_STUDENT
from generator.errors import DlexamError
from generator.table import column_name, read_table
from grader.exam import ExamKeys


@dataclass
class Submission:
    """One student's answers (label -> text) and the line where they start."""

    line: int
    student_id: str
    variant: str
    answers: dict[str, str]
    extras: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class RowError:
    line: int
    student_id: str
    reason: str


@dataclass
class AnswerSheet:
    """The gradable submissions in input order, the rejected rows, and what was seen."""

    layout: str
    records: int
    submissions: list[Submission]
    errors: list[RowError]
    extra_columns: list[str]
    warnings: list[str]
    examples: list[int] = field(default_factory=list)  # lines of the template's example row

    @property
    def graded_records(self) -> int:
        return self.records - len(self.errors) - len(self.examples)

    def note(self) -> str:
        """Why rows were left out that are not errors (empty when none were)."""
        if not self.examples:
            return ""
        lines = ", ".join(str(line) for line in self.examples)
        return (
            f"line {lines}: the answer template's example row (student_id {EXAMPLE_STUDENT}) "
            "is not graded"
        )


@dataclass(frozen=True)
class RosterGaps:
    """Roster students without any answer row, and answer rows of students not on the roster."""

    absent: list[tuple[str, str]]  # (student_id, name)
    strangers: list[tuple[int, str]]  # (line, student_id)

    def lines(self) -> list[str]:
        """The summary's lines (none when the answers and the roster match)."""
        result = []
        if self.absent:
            shown = ", ".join(f"{sid} ({name})" if name else sid for sid, name in self.absent)
            result.append(f"{len(self.absent)} roster student(s) have no answer row: {shown}")
        if self.strangers:
            shown = ", ".join(f"{sid} (line {line})" for line, sid in self.strangers)
            result.append(
                f"{len(self.strangers)} answer row(s) name students not on the roster: {shown}"
            )
        return result


def roster_gaps(exam: ExamKeys, sheet: AnswerSheet) -> RosterGaps:
    """Compare the answers with the roster in keys.json (nothing to compare without one)."""
    if not exam.roster:
        return RosterGaps([], [])
    rows = [(s.line, s.student_id) for s in sheet.submissions]
    rows += [(e.line, e.student_id) for e in sheet.errors if e.student_id]
    present = {sid for _, sid in rows}
    absent = [(sid, exam.names.get(sid, "")) for sid in exam.roster if sid not in present]
    strangers = sorted({(line, sid) for line, sid in rows if sid not in exam.roster})
    return RosterGaps(absent, strangers)


def read_answers(path: Path, exam: ExamKeys, keep_example: bool = False) -> AnswerSheet:
    """Read the answers CSV (wide or long) and check every row against the keys.

    Rows of the template's example student (``EXAMPLE``) are left out and counted, unless
    ``keep_example`` (``dlexam check`` grades the one row a student filled in, whatever its id).
    """
    table = read_table(path)
    header, rows = table.header, table.rows
    names = [column_name(h) for h in header]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise DlexamError(
            f"the header repeats column(s) {_names(repeated)}",
            where=f"{path}:{table.header_line}",
        )
    if "student_id" not in names:
        raise DlexamError(
            f"no student_id column in the header ({_names(header)})",
            where=f"{path}:{table.header_line}",
            hint="start from answers-template.csv written by dlexam generate",
        )
    examples = [
        line
        for line, row in rows
        if not keep_example and _student_of(row, names).upper() == EXAMPLE_STUDENT
    ]
    rows = [(line, row) for line, row in rows if line not in examples]
    if "part" in names and "answer" in names:
        sheet = _read_long(names, header, rows, exam)
    else:
        sheet = _read_wide(names, header, rows, exam)
    sheet.records += len(examples)
    sheet.examples = examples
    sheet.warnings[:0] = table.warnings
    return sheet


def _student_of(row: list[str], names: list[str]) -> str:
    column = names.index("student_id")
    return row[column].strip() if column < len(row) else ""


def _names(names: list[str]) -> str:
    """Column names for a one-line message: a name with a line break or control character is
    shown quoted and escaped."""
    return ", ".join(name if name.isprintable() else repr(name) for name in names)


def _blank(row: list[str]) -> bool:
    return not any(cell.strip() for cell in row)


_LABEL_WORD = re.compile(r"^(?:question|q|aufgabe|task|part|frage|teil)(?=[\s._(\-]*\d)")
_LABEL_MARKS = re.compile(r"[\s._()\-]")


def _label_key(name: str) -> str:
    """A part's column or part name as people spell it: ``1b``, ``1B``, ``Q1b``, ``1 b``,
    ``1.b``, ``1b)``, ``1(b)``, ``Question 1b`` all name part 1b."""
    return _LABEL_MARKS.sub("", _LABEL_WORD.sub("", name.strip().lower()))


def _label_spellings(exam: ExamKeys) -> dict[str, str]:
    return {_label_key(label): label for label in exam.labels}


def _read_wide(
    names: list[str], header: list[str], rows: list[tuple[int, list[str]]], exam: ExamKeys
) -> AnswerSheet:
    labels = _label_spellings(exam)
    columns = {i: labels[_label_key(n)] for i, n in enumerate(names) if _label_key(n) in labels}
    for label in set(columns.values()):
        spellings = [header[i].strip() for i, named in columns.items() if named == label]
        if len(spellings) > 1:
            raise DlexamError(f"columns {_names(spellings)} all name part {label}")
    fixed = {"student_id", "variant"}
    extras = [
        (i, header[i].strip()) for i, n in enumerate(names) if n not in fixed and i not in columns
    ]
    sid, vid = names.index("student_id"), names.index("variant") if "variant" in names else None
    sheet = AnswerSheet("wide", len(rows), [], [], [name for _, name in extras], [])
    absent = [label for label in exam.labels if label not in columns.values()]
    gradable_absent = [label for label in absent if label not in exam.manual]
    if gradable_absent:
        sheet.warnings.append(
            f"no column for part(s) {', '.join(gradable_absent)}: graded as blank"
        )
    seen: dict[str, int] = {}
    for line, row in rows:
        student = row[sid].strip() if sid < len(row) else ""
        if _blank(row):
            sheet.errors.append(RowError(line, "", "empty row"))
            continue
        if len(row) != len(header):
            reason = f"{len(row)} fields, but the header has {len(header)}"
            sheet.errors.append(RowError(line, student, reason))
            continue
        variant, reason = _check_student(student, row[vid] if vid is not None else "", exam, seen)
        if variant is None:
            sheet.errors.append(RowError(line, student, reason))
            continue
        seen[student] = line
        answers = {label: row[i] for i, label in columns.items()}
        extra = {name: row[i] for i, name in extras}
        sheet.submissions.append(Submission(line, student, variant, answers, extra))
    return sheet


def _check_student(
    student: str, given_variant: str, exam: ExamKeys, seen: dict[str, int]
) -> tuple[str | None, str]:
    if not student:
        return None, "no student_id"
    if student in seen:
        return None, f"duplicate student_id (first on line {seen[student]}); not graded"
    return exam.resolve_variant(student, given_variant)


def _read_long(
    names: list[str], header: list[str], rows: list[tuple[int, list[str]]], exam: ExamKeys
) -> AnswerSheet:
    """One answer per row; rows of one student are gathered in order of first appearance.

    Extra columns pass through with the values of the student's first row."""
    labels = _label_spellings(exam)
    index = {name: names.index(name) for name in ("student_id", "part", "answer")}
    vid = names.index("variant") if "variant" in names else None
    fixed = {"student_id", "variant", "part", "answer"}
    extras = [(i, header[i].strip()) for i, n in enumerate(names) if n not in fixed]
    sheet = AnswerSheet("long", len(rows), [], [], [name for _, name in extras], [])
    gathered: dict[str, tuple[int, str, dict[str, tuple[int, str]]]] = {}
    first_extras: dict[str, dict[str, str]] = {}
    for line, row in rows:
        if _blank(row):
            sheet.errors.append(RowError(line, "", "empty row"))
            continue
        if len(row) != len(header):
            student = row[index["student_id"]].strip() if index["student_id"] < len(row) else ""
            reason = f"{len(row)} fields, but the header has {len(header)}"
            sheet.errors.append(RowError(line, student, reason))
            continue
        student = row[index["student_id"]].strip()
        label = labels.get(_label_key(row[index["part"]]))
        given = row[vid].strip() if vid is not None else ""
        if not student:
            sheet.errors.append(RowError(line, "", "no student_id"))
            continue
        if label is None:
            reason = f"unknown part {row[index['part']].strip()!r}"
            sheet.errors.append(RowError(line, student, reason))
            continue
        first_line, first_variant, answers = gathered.setdefault(student, (line, given, {}))
        first_extras.setdefault(student, {name: row[i] for i, name in extras})
        if given and first_variant and given != first_variant:
            reason = f"variant {given!r} differs from {first_variant!r} on line {first_line}"
            sheet.errors.append(RowError(line, student, reason))
        elif label in answers:
            reason = f"second answer to part {label} (first on line {answers[label][0]})"
            sheet.errors.append(RowError(line, student, reason))
        else:
            answers[label] = (line, row[index["answer"]])
            if given and not first_variant:
                gathered[student] = (first_line, given, answers)
    for student, (line, given, answers) in gathered.items():
        variant, reason = exam.resolve_variant(student, given)
        if variant is None:
            sheet.errors.extend(RowError(n, student, reason) for n, _ in answers.values())
            continue
        texts = {label: text for label, (_, text) in answers.items()}
        sheet.submissions.append(Submission(line, student, variant, texts, first_extras[student]))
    return sheet


def read_manual(path: Path, exam: ExamKeys) -> tuple[dict[tuple[str, str], float], list[str]]:
    """Points an instructor entered, long (student_id, part, points) or wide: for manual parts,
    and for any other part whose automatic result they override (a handwritten expression).

    Every bad cell is an error naming the file, line and column: these are the instructor's own
    numbers, and silently ignoring one would change a grade.
    """
    table = read_table(path)
    header, rows = table.header, table.rows
    names = [column_name(h) for h in header]
    if "student_id" not in names:
        raise DlexamError("no student_id column in the header", where=f"{path}:{table.header_line}")
    labels = {label.lower(): label for label in exam.labels}
    sid = names.index("student_id")
    if "part" in names and "points" in names:
        cells = [
            (line, row[sid].strip(), row[names.index("part")], row[names.index("points")], "points")
            for line, row in rows
            if not _blank(row)
        ]
    else:
        columns = [(i, header[i]) for i, n in enumerate(names) if n in labels]
        cells = [
            (line, row[sid].strip(), name, row[i] if i < len(row) else "", name)
            for line, row in rows
            if not _blank(row)
            for i, name in columns
        ]
    points: dict[tuple[str, str], float] = {}
    for line, student, part, text, column in cells:
        where = f"{path}:{line}, column {column}"
        label = labels.get(part.strip().lower())
        if label is None:
            raise DlexamError(f"unknown part {part!r}", where=where)
        if not text.strip():
            continue
        try:
            value = float(text.strip().replace(",", "."))
        except ValueError:
            raise DlexamError(f"points {text!r} are not a number", where=where) from None
        points[(student, label)] = value
    return points, table.warnings
