"""``dlexam scan KEYS.json SCANS... --out DIR``: bubble sheets to the answers CSV."""

from __future__ import annotations

from pathlib import Path

import click

from generator import outdir
from grader.answers import read_answers
from grader.exam import ExamKeys
from grader.scan.annotate import write_annotated
from grader.scan.sheets import default_jobs, scan, write_outputs
from grader.scoring import grade_sheet


@click.command("scan")
@click.argument("keys_path", metavar="KEYS.json", type=click.Path(path_type=Path))
@click.argument(
    "scans", metavar="SCANS...", nargs=-1, required=True, type=click.Path(path_type=Path)
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=Path("scanned"),
    show_default=True,
    help="Output folder.",
)
@click.option(
    "--annotate",
    is_flag=True,
    help="Also write annotated/<student_id>.pdf: marks read, points and key.",
)
@click.option(
    "--jobs",
    type=click.IntRange(1, 64),
    default=default_jobs,
    show_default="number of cores",
    help="Pages read in parallel.",
)
def scan_command(
    keys_path: Path, scans: tuple[Path, ...], out_dir: Path, annotate: bool, jobs: int
) -> None:
    """Read scanned bubble sheets (PDF pages, PNG or JPEG, any order) of the exam of KEYS.json.

    Writes answers.csv for `dlexam grade`, review.csv with review/*.png for every page or mark a
    person should check (unreadable QR code, faint or double marks, a missing page, a student id
    that disagrees with the roster; pages read + pages in review = pages in), and manual.csv with
    manual/*.png: one row per handwriting box, points left empty for `dlexam grade --manual`.
    """
    exam = ExamKeys.load(keys_path)
    outdir.prepare(out_dir, explicit=True)
    result = scan(keys_path, list(scans), jobs, keep_pages=annotate)
    write_outputs(out_dir, result)
    click.echo(
        f"{result.pages_in} page(s) in: {result.pages_read} read, "
        f"{result.pages_in_review} in review; {len(result.sheets)} sheet(s) in "
        f"{out_dir / 'answers.csv'}"
    )
    marks = sum(1 for item in result.review if item.part)
    click.echo(
        f"review: {len(result.review)} item(s) ({marks} about a part or student id) in "
        f"{out_dir / 'review.csv'}"
    )
    if result.manual:
        written = sum(1 for item in result.manual if item.box.written)
        click.echo(
            f"handwriting: {len(result.manual)} box(es), {written} written in; enter their "
            f"points in {out_dir / 'manual.csv'} for `dlexam grade --manual`"
        )
    if annotate:
        sheet = read_answers(out_dir / "answers.csv", exam)
        graded = {r.submission.student_id: r.parts for r in grade_sheet(exam, sheet.submissions)}
        files = write_annotated(out_dir, result, graded)
        click.echo(f"annotated: {len(files)} file(s) in {out_dir / 'annotated'}/")
