"""``dlexam export moodle|qti|canvas [SPEC]``: the exam's variants as a quiz for an LMS."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from generator.atomic import write_bytes_atomic
from generator.errors import DlexamError
from generator.export.canvas import canvas_files
from generator.export.model import ExportExam, export_exam
from generator.export.moodle import moodle_xml
from generator.export.package import zip_bytes
from generator.export.qti import qti_files
from generator.registry import default_registry
from generator.spec import DEFAULT_SPEC, load_spec
from generator.variants import build_exam

TARGETS: dict[str, tuple[str, Callable[[ExportExam], bytes]]] = {
    "moodle": ("moodle.xml", moodle_xml),
    "qti": ("qti21.zip", lambda exam: zip_bytes(qti_files(exam))),
    "canvas": ("canvas-qti12.zip", lambda exam: zip_bytes(canvas_files(exam))),
}
IMPORT_HINTS = {
    "moodle": "Moodle: Question bank > Import > Moodle XML format; then add a random question "
    "from each category to the quiz",
    "qti": "any QTI 2.1 player or item bank: import the zip as an IMS content package",
    "canvas": "Canvas: Settings > Import Course Content > QTI .zip file",
}


@click.command("export")
@click.argument("target", type=click.Choice(sorted(TARGETS)))
@click.argument("spec_path", metavar="[SPEC]", required=False, type=click.Path(path_type=Path))
@click.option("--variants", type=click.IntRange(min=1), help="Variants per question.")
@click.option("--seed", type=int, help="Exam seed (default: the spec's).")
@click.option("--out", "out", type=click.Path(path_type=Path), help="Output file.")
def export_command(
    target: str, spec_path: Path | None, variants: int | None, seed: int | None, out: Path | None
) -> None:
    """Export SPEC's variants (default: the bundled VIR 2019 exam) as a Moodle XML question
    bank, an IMS QTI 2.1 package or a Canvas (Classic Quizzes) QTI 1.2 zip.

    Every exam question becomes a pool of its variants (a Moodle category, a QTI section selecting
    one, a Canvas question group picking one), with the keys and tolerances of keys.json.
    """
    spec = load_spec(spec_path or DEFAULT_SPEC, default_registry())
    exam = build_exam(spec, variants, seed)
    model = export_exam(exam)
    suffix, render = TARGETS[target]
    path = out or Path("output") / spec.slug / f"{spec.slug}-{suffix}"
    data = render(model)
    try:
        write_bytes_atomic(path, data)
    except OSError as error:
        raise DlexamError(f"cannot write the export: {error.strerror}", where=str(path)) from None
    for warning in exam.warnings:
        click.echo(f"warning: {warning}", err=True)
    count = len(exam.variants)
    click.echo(
        f"{len(model.questions)} question(s) x {count} variant(s) of '{spec.title}' "
        f"(seed {exam.seed}) -> {path} ({len(data) / 1024:.0f} KiB)"
    )
    click.echo(f"import: {IMPORT_HINTS[target]}")
