"""``dlexam grade KEYS.json ANSWERS.csv``: score answer CSVs against the keys."""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path

import click

from grader.answers import read_answers, read_manual, roster_gaps
from grader.charts import ChartDrawer
from grader.exam import ExamKeys
from grader.output import build_outputs, check_output_folder, renamed_columns, write_outputs
from grader.scoring import cycle_collection_paused, grade_sheet, merge_manual, parse_grades

GRADES_HELP = (
    "Grade thresholds in percent, highest first, then the failing grade "
    "[default: ECTS A=90,B=80,C=70,D=60,E=50,F]."
)


@click.command("grade")
@click.argument("keys_path", metavar="KEYS.json", type=click.Path(path_type=Path))
@click.argument("answers_path", metavar="ANSWERS.csv", type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    help="Output folder [default: ANSWERS-graded next to the answers].",
)
@click.option(
    "--manual",
    "manual_path",
    type=click.Path(path_type=Path),
    help="CSV of points for manual parts: student_id,part,points (or one column per part).",
)
@click.option("--grades", default="A=90,B=80,C=70,D=60,E=50,F", help=GRADES_HELP)
def grade_command(
    keys_path: Path, answers_path: Path, out_dir: Path | None, manual_path: Path | None, grades: str
) -> None:
    """Grade ANSWERS.csv against KEYS.json.

    Writes scores.csv (points and a status per part, total, percent, grade), errors.csv (rows
    that cannot be graded, with line and reason), feedback/ (one file per student) and the class
    report (report.csv, report.html). Whole-number parts (counts) are exact; real numbers are
    accepted when correct to the part's significant figures (three unless the part says
    otherwise); decimal commas, digit groups, units and LaTeX are read (see the README).
    """
    thresholds, fail = parse_grades(grades)
    target = out_dir or answers_path.with_name(f"{answers_path.stem}-graded")
    check_output_folder(target)
    with cycle_collection_paused(), ExitStack() as stack:
        exam = ExamKeys.load(keys_path)
        sheet = read_answers(answers_path, exam)
        drawer = stack.enter_context(ChartDrawer(len(sheet.submissions)))
        manual, manual_warnings = read_manual(manual_path, exam) if manual_path else ({}, [])
        results = grade_sheet(exam, sheet.submissions)
        warnings = [*sheet.warnings, *manual_warnings, *renamed_columns(exam, sheet)]
        if manual_path:
            warnings += merge_manual(results, manual, str(manual_path))
        gaps = roster_gaps(exam, sheet)
        files = build_outputs(exam, sheet, results, thresholds, fail, gaps, drawer)
        write_outputs(target, files)
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)
    if sheet.note():
        click.echo(f"note: {sheet.note()}", err=True)
    unit = "rows" if sheet.layout == "wide" else "answer lines"
    click.echo(
        f"{sheet.records} {unit} read: {sheet.graded_records} graded "
        f"({len(results)} students in scores.csv), {len(sheet.errors)} in errors.csv"
        + (f", {len(sheet.examples)} example row skipped" if sheet.examples else "")
    )
    for line in gaps.lines():
        click.echo(f"roster: {line}")
    if results:
        mean = sum(r.percent for r in results) / len(results)
        click.echo(f"mean {mean:.1f} %; output in {target}/")
    else:
        click.echo(f"no gradable rows; output in {target}/")
