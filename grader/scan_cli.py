"""``dlexam scan KEYS.json SCANS... --out DIR``: bubble sheets to the answers CSV."""

from __future__ import annotations

from pathlib import Path

import click

from generator import outdir
from generator.errors import DlexamError
from grader.answers import read_answers, read_manual
from grader.exam import ExamKeys
from grader.scan.annotate import write_annotated
from grader.scan.sheets import ScanResult, default_jobs, scan, write_outputs
from grader.scoring import grade_sheet, merge_manual


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
    "--manual",
    "manual_path",
    type=click.Path(path_type=Path),
    help="Points of the handwriting parts (as `dlexam grade --manual` reads them), shown on the "
    "annotated copies and counted in their totals; also kept in manual.csv.",
)
@click.option(
    "--jobs",
    type=click.IntRange(1, 64),
    default=default_jobs,
    show_default="number of cores",
    help="Pages read in parallel.",
)
def scan_command(
    keys_path: Path,
    scans: tuple[Path, ...],
    out_dir: Path,
    annotate: bool,
    manual_path: Path | None,
    jobs: int,
) -> None:
    """Read scanned bubble sheets (PDF pages, PNG or JPEG, any order) of the exam of KEYS.json.

    Writes answers.csv for `dlexam grade`; review.csv with review/*.png for every page or mark a
    person should check (unreadable QR code, faint or double marks, a missing page, a student id
    that disagrees with the roster); pages.csv, every page in and what became of it: read, in
    review, or blank (no corner marks and no ink, as the back of a duplex scan: skipped, its
    picture in blank/); pages read + pages in review + blank pages = pages in. manual.csv with
    manual/*.png has one row per handwriting box for `dlexam grade --manual`: points already
    typed into the folder's manual.csv are kept when the scan is run again.
    """
    exam = ExamKeys.load(keys_path)
    outdir.prepare(out_dir, explicit=True)
    given, warnings = read_manual(manual_path, exam) if manual_path else ({}, [])
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)
    entered = _entered_points(exam, out_dir / "manual.csv", given, str(manual_path))
    result = scan(keys_path, list(scans), jobs, keep_pages=annotate)
    write_outputs(out_dir, result, entered)
    _summary(out_dir, result, entered)
    if annotate:
        sheet = read_answers(out_dir / "answers.csv", exam)
        results = grade_sheet(exam, sheet.submissions)
        for warning in merge_manual(results, given, str(manual_path)):
            click.echo(f"warning: {warning}", err=True)
        graded = {r.submission.student_id: r.parts for r in results}
        files = write_annotated(out_dir, result, graded, set(given))
        click.echo(f"annotated: {len(files)} file(s) in {out_dir / 'annotated'}/")


def _entered_points(
    exam: ExamKeys, existing: Path, given: dict[tuple[str, str], float], source: str
) -> dict[tuple[str, str], float]:
    """The points already typed into the folder's manual.csv and those ``given`` with --manual,
    which the rewritten manual.csv keeps; read before anything is written, so a bad file stops
    the scan with its place. Two different values for one student's part are refused: keeping
    either would lose the other."""
    points = read_manual(existing, exam)[0] if existing.is_file() else {}
    for key, value in given.items():
        if points.setdefault(key, value) != value:
            student, part = key
            raise DlexamError(
                f"{value:g} points for part {part} of student {student!r}, but {existing} "
                f"already has {points[key]:g}",
                where=source,
                hint=f"make the two files agree, or move {existing} away to start over",
            )
    return points


def _summary(out_dir: Path, result: ScanResult, entered: dict[tuple[str, str], float]) -> None:
    click.echo(
        f"{result.pages_in} page(s) in: {result.pages_read} read, "
        f"{result.pages_in_review} in review, {result.pages_blank} blank; "
        f"{len(result.sheets)} sheet(s) in {out_dir / 'answers.csv'}; every page in "
        f"{out_dir / 'pages.csv'}"
    )
    marks = sum(1 for item in result.review if item.part)
    click.echo(
        f"review: {len(result.review)} item(s) ({marks} about a part or student id) in "
        f"{out_dir / 'review.csv'}"
    )
    if result.manual or entered:
        written = sum(1 for item in result.manual if item.box.written)
        kept = f"; points typed in before kept for {len(entered)} part(s)" if entered else ""
        click.echo(
            f"handwriting: {len(result.manual)} box(es), {written} written in{kept}; enter "
            f"their points in {out_dir / 'manual.csv'} for `dlexam grade --manual`"
        )
