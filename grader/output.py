"""Everything ``dlexam grade`` writes, built in memory first and then put in place atomically.

The whole output folder is staged next to its target (``.NAME.grade-XXXX``) and swapped in with
two renames: the previous folder steps aside as ``.NAME.previous-XXXX``, the staged one takes its
name, and only then is the previous one removed. A failure at any point leaves the previous
complete output; a run that was killed leaves a staging folder (removed by the next run) or, killed
between the two renames, the previous output aside (put back by the next run before it starts).

The folder is replaced as a whole, so it must be one ``dlexam grade`` wrote (or empty or new):
a folder holding anything else is refused rather than deleted.
"""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from generator.errors import DlexamError
from generator.spreadsheet import csv_text
from grader.answers import AnswerSheet, RosterGaps
from grader.charts import ChartDrawer
from grader.columns import PartColumn, part_columns
from grader.exam import ExamKeys
from grader.feedback import FeedbackWriter, file_names, points_text
from grader.report import chart_data, class_stats, report_csv, report_html
from grader.scoring import ECTS, FAIL, StudentResult, letter

OUTPUT_ENTRIES = frozenset({"scores.csv", "errors.csv", "report.csv", "report.html", "feedback"})
INDEX = "feedback/index.csv"


def result_columns(exam: ExamKeys) -> list[str]:
    """The columns ``scores.csv`` writes itself, before the passed-through input columns; with a
    roster in the keys, the student's name follows the id."""
    parts = [f"{label}_{kind}" for label in exam.labels for kind in ("points", "status")]
    name = ["name"] if exam.names else []
    return ["student_id", *name, "variant", *parts, "total", "max", "percent", "grade"]


def passed_through_headers(exam: ExamKeys, sheet: AnswerSheet) -> list[str]:
    """The input's extra columns as headed in ``scores.csv``: a name that is already an output
    column (``Grade``, ``total``, in any case) becomes ``Grade (input)``, never a second column
    a spreadsheet lookup could confuse with the computed one."""
    taken = {name.lower() for name in result_columns(exam)}
    headers = []
    for name in sheet.extra_columns:
        header, n = name, 1
        while header.strip().lower() in taken:
            header = f"{name} (input)" if n == 1 else f"{name} (input {n})"
            n += 1
        taken.add(header.strip().lower())
        headers.append(header)
    return headers


def renamed_columns(exam: ExamKeys, sheet: AnswerSheet) -> list[str]:
    """Warnings for the passed-through columns :func:`passed_through_headers` renamed."""
    return [
        f"input column {name!r} is written as {header!r}: {name!r} is a column dlexam computes"
        for name, header in zip(
            sheet.extra_columns, passed_through_headers(exam, sheet), strict=True
        )
        if name != header
    ]


def scores_csv(
    exam: ExamKeys,
    sheet: AnswerSheet,
    results: list[StudentResult],
    grades: list[str],
    columns: dict[str, PartColumn],
) -> str:
    cells = []  # per label, per student: the (points, status) pair, formatted once per result
    for label in exam.labels:
        column = columns[label]
        formatted: list[object] = [
            ("", "") if part is None else (points_text(part.points), part.status)
            for part in column.results
        ]
        cells.append(column.cells(formatted))
    rows: list[list[object]] = [[*result_columns(exam), *passed_through_headers(exam, sheet)]]
    extras = sheet.extra_columns
    for result, grade, pairs in zip(results, grades, zip(*cells, strict=True), strict=True):
        submission = result.submission
        rows.append(
            [
                submission.student_id,
                *([exam.names.get(submission.student_id, "")] if exam.names else []),
                submission.variant,
                *itertools.chain.from_iterable(pairs),
                points_text(result.total),
                points_text(result.max_points),
                f"{result.percent:.1f}",
                grade,
                *(submission.extras.get(name, "") for name in extras),
            ]
        )
    return csv_text(rows)


def errors_csv(sheet: AnswerSheet) -> str:
    rows = [[error.line, error.student_id, error.reason] for error in sheet.errors]
    return csv_text([["line", "student_id", "reason"], *rows])


def build_outputs(
    exam: ExamKeys,
    sheet: AnswerSheet,
    results: list[StudentResult],
    thresholds: tuple[tuple[str, float], ...] = ECTS,
    fail: str = FAIL,
    gaps: RosterGaps | None = None,
    drawer: ChartDrawer | None = None,
) -> dict[str, str]:
    """Relative path -> text of every output file. ``drawer``: one started when the answers were
    read draws the charts while grading runs (:mod:`grader.charts`)."""
    gaps = gaps or RosterGaps([], [])
    drawer = drawer or ChartDrawer(0)
    grades = [letter(r.percent, thresholds, fail) for r in results]
    columns = part_columns(exam.labels, results)
    stats = class_stats(exam, results, columns)
    charts = drawer.start(chart_data(stats, results)) if results else lambda: ("", "")
    files = {
        "scores.csv": scores_csv(exam, sheet, results, grades, columns),
        "errors.csv": errors_csv(sheet),
        "report.csv": report_csv(stats, gaps.lines()),
    }
    names = file_names(r.submission.student_id for r in results)
    index: list[list[object]] = [["student_id", "variant", "file"]]
    feedback = FeedbackWriter(exam)
    for name, result, grade in zip(names, results, grades, strict=True):
        files[f"feedback/{name}"] = feedback.text(result, grade)
        index.append([result.submission.student_id, result.submission.variant, name])
    files[INDEX] = csv_text(index)
    files["report.html"] = report_html(exam, stats, charts(), gaps.lines())
    return files


def _aside(out_dir: Path, kind: str) -> list[Path]:
    """Staging (``grade``) or set-aside (``previous``) folders of earlier runs for ``out_dir``."""
    return sorted(out_dir.parent.glob(f".{out_dir.name}.{kind}-*"))


def check_output_folder(out_dir: Path) -> None:
    """Refuse, before any grading, an output folder that cannot be (or must not be) replaced."""
    where = f"--out {out_dir}"
    parent = out_dir.absolute().parent
    if not parent.is_dir():
        raise DlexamError(
            f"the folder {parent} does not exist", where=where, hint="create it first"
        )
    if out_dir.exists() and not out_dir.is_dir():
        raise DlexamError("this is a file, not a folder", where=where, hint="choose a folder")
    if out_dir.is_dir():
        foreign = sorted(
            entry.name
            for entry in out_dir.iterdir()
            if entry.name not in OUTPUT_ENTRIES and not entry.name.startswith(".grade-")
        )
        if foreign:
            shown = ", ".join(foreign[:3]) + (", ..." if len(foreign) > 3 else "")
            raise DlexamError(
                f"the folder holds files dlexam grade did not write ({shown}); "
                "it is replaced as a whole",
                where=where,
                hint="choose a new or empty folder",
            )
    try:
        probe = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.probe-", dir=parent))
    except OSError as error:
        raise DlexamError(f"cannot write in {parent}: {error.strerror}", where=where) from None
    probe.rmdir()


def _recover(out_dir: Path) -> None:
    """Undo what a killed run left: its staging folder, or the previous output set aside."""
    for staging in _aside(out_dir, "grade"):
        shutil.rmtree(staging, ignore_errors=True)
    for previous in _aside(out_dir, "previous"):
        if out_dir.exists():
            shutil.rmtree(previous, ignore_errors=True)
        else:
            os.replace(previous, out_dir)


# binary on every system (Windows would otherwise translate line ends); the staging folder is new
_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


def _write_file(path: str, text: str) -> None:
    """One plain ``os.write`` per file: ten thousand feedback files through Python's buffered text
    layer cost more than grading them (``bench/bench_grade.py``)."""
    fd = os.open(path, _NEW_FILE, 0o666)
    try:
        data = memoryview(text.encode("utf-8"))
        while data:
            data = data[os.write(fd, data) :]
    finally:
        os.close(fd)


def write_outputs(out_dir: Path, files: Mapping[str, str]) -> None:
    """Stage the whole folder, then swap it in (see the module docstring)."""
    check_output_folder(out_dir)
    _recover(out_dir)
    parent = out_dir.absolute().parent
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.grade-", dir=parent))
    previous = staging.with_name(staging.name.replace(".grade-", ".previous-", 1))
    try:
        for folder in sorted({os.path.dirname(relative) for relative in files} - {""}):
            (staging / folder).mkdir(parents=True, exist_ok=True)
        for relative, text in files.items():
            _write_file(os.path.join(staging, relative), text)
        stepped_aside = out_dir.exists()
        if stepped_aside:
            os.replace(out_dir, previous)
        try:
            os.replace(staging, out_dir)
        except BaseException:
            if stepped_aside:
                os.replace(previous, out_dir)
            raise
    except OSError as error:
        raise DlexamError(f"cannot write the output: {error}", where=f"--out {out_dir}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    shutil.rmtree(previous, ignore_errors=True)
