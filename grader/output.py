"""Everything ``dlexam grade`` writes, built in memory first and then put in place atomically.

Files are written into a staging folder inside the output folder and renamed into place, so an
interrupted run leaves either the previous output or the new one, never a half-written file. The
``feedback/`` folder is swapped as a whole, so feedback of students from an earlier run on other
answers does not linger next to the new files.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from grader.answers import AnswerSheet, RosterGaps
from grader.exam import ExamKeys
from grader.feedback import feedback_text, file_names, points_text
from grader.report import class_stats, report_csv, report_html
from grader.scoring import ECTS, FAIL, StudentResult, letter


def scores_csv(
    exam: ExamKeys,
    sheet: AnswerSheet,
    results: list[StudentResult],
    grades: list[str],
) -> str:
    """One row per graded student; with a roster in the keys, the student's name after the id."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    part_columns = [f"{label}_{kind}" for label in exam.labels for kind in ("points", "status")]
    named = bool(exam.names) and "name" not in (c.strip().lower() for c in sheet.extra_columns)
    writer.writerow(
        [
            "student_id",
            *(["name"] if named else []),
            "variant",
            *part_columns,
            "total",
            "max",
            "percent",
            "grade",
            *sheet.extra_columns,
        ]
    )
    for result, grade in zip(results, grades, strict=True):
        cells = []
        for label in exam.labels:
            part = result.parts.get(label)
            cells += ["", ""] if part is None else [points_text(part.points), part.status]
        submission = result.submission
        writer.writerow(
            [
                submission.student_id,
                *([exam.names.get(submission.student_id, "")] if named else []),
                submission.variant,
                *cells,
                points_text(result.total),
                points_text(result.max_points),
                f"{result.percent:.1f}",
                grade,
                *(submission.extras.get(name, "") for name in sheet.extra_columns),
            ]
        )
    return buffer.getvalue()


def errors_csv(sheet: AnswerSheet) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["line", "student_id", "reason"])
    for error in sheet.errors:
        writer.writerow([error.line, error.student_id, error.reason])
    return buffer.getvalue()


def build_outputs(
    exam: ExamKeys,
    sheet: AnswerSheet,
    results: list[StudentResult],
    thresholds: tuple[tuple[str, float], ...] = ECTS,
    fail: str = FAIL,
    gaps: RosterGaps | None = None,
) -> dict[str, str]:
    """Relative path -> text of every output file."""
    gaps = gaps or RosterGaps([], [])
    grades = [letter(r.percent, thresholds, fail) for r in results]
    stats = class_stats(exam, results)
    files = {
        "scores.csv": scores_csv(exam, sheet, results, grades),
        "errors.csv": errors_csv(sheet),
        "report.csv": report_csv(stats, gaps.lines()),
        "report.html": report_html(exam, stats, results, gaps.lines()),
    }
    names = file_names(r.submission.student_id for r in results)
    for name, result, grade in zip(names, results, grades, strict=True):
        files[f"feedback/{name}"] = feedback_text(exam, result, grade)
    return files


def write_outputs(out_dir: Path, files: Mapping[str, str]) -> None:
    """Stage every file, then rename each top-level entry into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".grade-", dir=out_dir))
    try:
        for folder in sorted({Path(relative).parent for relative in files}):
            (staging / folder).mkdir(parents=True, exist_ok=True)
        for relative, text in files.items():
            with open(staging / relative, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
        for entry in sorted({relative.split("/")[0] for relative in files}):
            target = out_dir / entry
            if (staging / entry).is_dir() and target.exists():
                os.replace(target, staging / f".previous-{entry}")
            os.replace(staging / entry, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
