"""``dlexam practice``: a practice sheet with worked solutions, its keys and answer template."""

from __future__ import annotations

import secrets
from pathlib import Path

import click

from generator import outdir, pdf
from generator.errors import DlexamError
from generator.practice import (
    DEFAULT_COUNT,
    Request,
    build_practice,
    difficulty_levels,
    distinct_topics,
    sheet_sources,
    topic_summary,
    typeset_sheet,
    write_sheet,
)
from generator.registry import default_registry

NEW_SHEET_SEEDS = 100000  # a fresh sheet gets a number short enough to read out or type


@click.command("practice")
@click.option(
    "--topic",
    "topics",
    multiple=True,
    metavar="TOPIC",
    help="A topic (repeatable; questions are shared out evenly). Default: the whole bank.",
)
@click.option(
    "--count",
    type=click.IntRange(1, 100),
    default=DEFAULT_COUNT,
    show_default=True,
    help="Number of questions.",
)
@click.option(
    "--seed",
    type=click.IntRange(0),
    help="Sheet number: the same number and options give the same sheet. Default: a new one.",
)
@click.option(
    "--difficulty",
    "difficulties",
    type=click.IntRange(1, 3),
    multiple=True,
    help="Only families of this difficulty, 1 (easy) to 3 (repeatable).",
)
@click.option("--out", "out_dir", type=click.Path(path_type=Path), help="Output folder.")
@click.option("--separate", is_flag=True, help="Put the worked solutions in a separate PDF.")
@click.option("--no-pdf", "no_pdf", is_flag=True, help="Write keys, template and .tex only.")
def practice_command(
    topics: tuple[str, ...],
    count: int,
    seed: int | None,
    difficulties: tuple[int, ...],
    out_dir: Path | None,
    separate: bool,
    no_pdf: bool,
) -> None:
    """Make a practice sheet: questions, then the worked solutions on a new page.

    The folder holds practice-SEED.pdf (with --separate also practice-SEED-solutions.pdf),
    keys.json for `dlexam check`, answers-template.csv and the LaTeX source. The sheet's number
    is its seed; `dlexam practice --seed SEED` with the same options gives the same sheet.
    """
    request = Request(
        seed=seed if seed is not None else secrets.randbelow(NEW_SHEET_SEEDS),
        topics=distinct_topics(topics),
        count=count,
        difficulties=difficulty_levels(difficulties),
        separate=separate,
    )
    exam, selection = build_practice(default_registry(), request)
    files = sheet_sources(exam)
    target = out_dir or Path("output") / files.name
    outdir.prepare(target, explicit=out_dir is not None)
    engine = None if no_pdf else pdf.find_engine()
    if not no_pdf and engine is None:
        write_sheet(files, target)
        raise DlexamError(
            f"{pdf.ENGINE} not found, so no PDF was made (keys and .tex are in {target}/)",
            hint=pdf.INSTALL_HINT,
        )
    if engine is not None:
        try:
            typeset_sheet(exam, files, engine, separate)
        except DlexamError as error:
            write_sheet(files, target)  # keys and source, to look at the failing question
            raise DlexamError(error.message, where=str(target / str(error.where))) from None
    write_sheet(files, target)
    click.echo(f"practice sheet {request.seed}: {topic_summary(selection)}, in {target}/")
    for note in selection.notes + tuple(exam.warnings):
        click.echo(f"note: {note}", err=True)
    for number, (family, topic) in enumerate(
        zip(selection.families, selection.topics, strict=True), start=1
    ):
        click.echo(
            f"  {number}. {family.title} ({family.id}, {topic}, difficulty {family.difficulty})"
        )
    for name in files.pdfs:
        what = "solutions" if name.endswith("-solutions.pdf") else "sheet"
        if files.solutions_page is not None:
            what += f", worked solutions from page {files.solutions_page}"
        click.echo(f"  {what + ':':16} {target / name}")
    click.echo(f"  {'keys:':16} {target / 'keys.json'}")
    click.echo(f"  {'answer template:':16} {target / 'answers-template.csv'}")
    click.echo(f"same sheet again: {request.command()}")
    click.echo(f"check answers:    dlexam check {target / 'keys.json'}")
