"""The generator's subcommands: ``templates``, ``solve`` and ``generate``."""

from __future__ import annotations

import json
import os
import sys
import threading
from pathlib import Path
from typing import Any

import click
import numpy as np
import sympy

from generator import formatting, fragments, outdir, pdf
from generator.bubble_sheet import SHEETS, with_sheet_instructions, write_bubble_sheets
from generator.build import NAME_BY, Written, compile_pdfs, write_sources
from generator.documents import name_tex
from generator.errors import DlexamError
from generator.instance import Instance
from generator.outputs.page import write_pages
from generator.registry import default_registry
from generator.roster import assign, read_roster
from generator.spec import DEFAULT_SPEC, load_spec
from generator.variants import Exam, Variant, build_exam, family_hash


@click.command("templates")
@click.option("--topic", help="Only families with this topic tag (cnn, backprop, rnn, ...).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable listing.")
def templates_command(topic: str | None, as_json: bool) -> None:
    """List the question families, their parameters and parts."""
    registry = default_registry()
    families = registry.by_topic(topic)
    if topic and not families:
        topics = sorted({t for f in registry.families.values() for t in f.topics})
        raise DlexamError(f"no family has topic {topic!r}", hint=f"topics: {', '.join(topics)}")
    for name, reason in registry.broken.items():
        click.echo(f"warning: template folder {name} is broken and skipped: {reason}", err=True)
    if as_json:
        click.echo(json.dumps([f.describe() for f in families], indent=2, ensure_ascii=False))
        return
    for family in families:
        source = family.source.get("exam", "") + " " + family.source.get("question", "")
        click.echo(f"{family.id:28} {family.title}")
        click.echo(f"{'':28} topics: {', '.join(family.topics)}; source: {source.strip()}")
        click.echo(f"{'':28} params: {', '.join(p.name for p in family.params)}")
        parts = ", ".join(f"{p.id} ({p.kind}, {p.points:g} pt)" for p in family.parts)
        click.echo(f"{'':28} parts: {parts}")


def _parse_sets(values: tuple[str, ...]) -> dict[str, str]:
    result = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise DlexamError(f"--set {item!r}: expected NAME=VALUE, e.g. --set w=[pi/2,pi]")
        result[name.strip()] = value.strip()
    return result


def _part_json(instance: Instance, part: Any) -> dict[str, Any]:
    """The part's keys.json entry (option texts, interval ends, labels, rounding), under the
    part's own id: a single solved question has no exam position."""
    key = instance.part_key(part)
    del key["part"]
    return {**key, "id": part.id}


def _decimals(value: Any) -> str:
    """``≈ 0.4159`` or ``≈ [0.4159, -1.25]`` for a number, vector or matrix key that is not all
    integers, else empty (an interval shows its ends exactly)."""
    if isinstance(value, sympy.Set):
        return ""
    numbers = formatting.number(value)
    flat = numbers if isinstance(numbers, list) else [numbers]
    while any(isinstance(item, list) for item in flat):
        flat = [x for item in flat for x in (item if isinstance(item, list) else [item])]
    if not flat or not any(isinstance(x, float) for x in flat):
        return ""
    return "  ≈ " + formatting.exact_string(formatting.rounded(value, 4, significant=True))


@click.command("solve")
@click.argument("family_id", metavar="FAMILY")
@click.option(
    "--seed", type=int, default=0, show_default=True, help="Draw parameters from this seed."
)
@click.option("--source", is_flag=True, help="Use the source exam's own parameters.")
@click.option("--set", "sets", multiple=True, metavar="NAME=VALUE", help="Fix a parameter (exact).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option("--latex", "show_latex", is_flag=True, help="Also print the question's LaTeX.")
def solve_command(
    family_id: str, seed: int, source: bool, sets: tuple[str, ...], as_json: bool, show_latex: bool
) -> None:
    """Solve one instance of FAMILY and print its parameters and key."""
    family = default_registry().get(family_id)
    fixed = _parse_sets(sets)
    if source:
        params = {**family.source_instance(), **family.coerce(fixed)}
        problems = family.violations(params)
        if problems:
            raise DlexamError("; ".join(problems), where=f"{family_id} --set")
    else:
        rng = np.random.default_rng(np.random.SeedSequence([seed, family_hash(family_id)]))
        try:
            params = family.draw(rng, fixed)
        except DlexamError as error:
            raise DlexamError(error.message, where=f"{family_id} --set", hint=error.hint) from None
    instance = Instance(family, params, 1, {p.id: p.points for p in family.parts})
    values = instance.values
    if as_json:
        click.echo(
            json.dumps(
                {
                    "family": family.id,
                    "seed": None if source else seed,
                    "params": {k: formatting.exact_string(v) for k, v in params.items()},
                    "parts": [_part_json(instance, p) for p in family.parts],
                },
                indent=2,
                ensure_ascii=False,
            )
        )
        return
    click.echo(f"{family.id}: {family.title}")
    click.echo(
        "params: " + ", ".join(f"{k}={formatting.exact_string(v)}" for k, v in params.items())
    )
    for part in family.parts:
        entry = _part_json(instance, part)
        if entry["exact"] is None:
            shown = "(graded by hand)"
        elif "rounded" in entry:
            ((unit, digits),) = entry["rounded"].items()
            shown = f"{entry['exact']} (a decimal, {digits} {unit})"
        else:
            shown = entry["exact"] + _decimals(values[part.answer])
        click.echo(f"  ({part.id}) {part.prompt} [{part.points:g} pt]: {shown}")
    if show_latex:
        click.echo(instance.render("question.tex.j2", "exam"))


@click.command("generate")
@click.argument("spec_path", metavar="[SPEC]", required=False, type=click.Path(path_type=Path))
@click.option(
    "--variants", type=click.IntRange(1, 10000), help="Override the spec's variant count."
)
@click.option("--seed", type=click.IntRange(0), help="Override the spec's seed.")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), help="Output folder.")
@click.option(
    "--roster",
    type=click.Path(path_type=Path, dir_okay=False),
    help="CSV with student_id,name: one variant per student, named on their copy.",
)
@click.option(
    "--jobs",
    type=click.IntRange(1, 64),
    default=lambda: os.cpu_count() or 1,
    show_default="number of cores",
    help="pdflatex runs in parallel.",
)
@click.option(
    "--name-by",
    type=click.Choice(NAME_BY),
    default="variant",
    show_default=True,
    help="Name the PDFs by variant (V001.pdf) or, with --roster, by student id (s001.pdf).",
)
@click.option(
    "--force",
    is_flag=True,
    help="Replace keys.json of another exam (other seed or spec) in the output folder.",
)
@click.option("--quiet", is_flag=True, help="No warnings (they stay in keys.json).")
@click.option(
    "--sheet",
    type=click.Choice(SHEETS),
    default="boxes",
    show_default=True,
    help="bubbles: also a machine-readable bubble sheet per variant for `dlexam scan`.",
)
@click.option("--no-pdf", "no_pdf", is_flag=True, help="Write keys and .tex only, no PDFs.")
@click.option(
    "--html", "html", is_flag=True, help="Also write one self-contained HTML page per variant."
)
def generate_command(
    spec_path: Path | None,
    variants: int | None,
    seed: int | None,
    out_dir: Path | None,
    roster: Path | None,
    jobs: int,
    name_by: str,
    force: bool,
    quiet: bool,
    sheet: str,
    no_pdf: bool,
    html: bool,
) -> None:
    """Generate variants, keys.json, LaTeX and PDFs for SPEC (default: the bundled VIR 2019 exam).

    The output folder holds keys.json, answers-template.csv, tex/ (sources), exam/,
    answer-sheets/ and solutions/ (one PDF per variant) and exam-all.pdf, answer-sheets-all.pdf,
    solutions-all.pdf (all variants, each starting on an odd page, for duplex printing).
    With --html, exam/ and solutions/ also hold V001.html ... (MathML, SVG figures, no network).
    """
    registry = default_registry()
    spec = load_spec(spec_path or DEFAULT_SPEC, registry)
    if sheet == "bubbles":
        spec = with_sheet_instructions(spec)
    roster_read = read_roster(roster) if roster else None
    students = roster_read.students if roster_read else None
    if roster_read and not quiet:
        for warning in roster_read.warnings:
            click.echo(f"warning: {warning}", err=True)
    if name_by == "student" and not students:
        raise DlexamError("--name-by student needs --roster (the students to name the PDFs by)")
    if students and variants is not None and variants != len(students):
        raise DlexamError(
            f"--variants {variants} but the roster has {len(students)} students",
            hint="a roster gives one variant per student; leave out --variants",
        )
    exam = build_exam(spec, len(students) if students else variants, seed)
    if students:
        assign(exam, students)
    target = out_dir or Path("output") / spec.slug
    outdir.prepare(target, explicit=out_dir is not None)
    written, groups = write_sources(exam, target, name_by, force)
    if not quiet:
        for line in warning_lines(exam.warnings, written.keys):
            click.echo(line, err=True)
    click.echo(f"{len(exam.variants)} variant(s) of '{spec.title}' (seed {exam.seed}) in {target}/")
    click.echo(f"  keys:             {written.keys}")
    click.echo(f"  answer template:  {written.answers_template}")
    click.echo(f"  LaTeX sources:    {len(written.tex)} file(s) in {target / 'tex'}/")
    if html:
        stems = {variant: Path(name).stem for variant, name in written.names.items()}
        pages = write_pages(exam, target, stems=stems)
        folders = ", ".join(sorted({f"{path.parent}/" for path in pages}))
        click.echo(f"  HTML pages:       {len(pages)} file(s) in {folders}")
    if no_pdf:
        return
    engine = pdf.find_engine(spec.engine)  # looked up through the module: tests replace it
    if engine is None:
        why = (
            ""
            if spec.engine == pdf.ENGINE
            else " (the exam's title, course or instructions are in a script pdflatex cannot print)"
        )
        raise DlexamError(
            f"{spec.engine} not found, so no PDFs were made{why} "
            f"(the .tex files are in {target / 'tex'}/)",
            hint=pdf.INSTALL_HINT if spec.engine == pdf.ENGINE else fragments.INSTALL_HINT,
        )
    _typeset(exam, written, groups, engine, jobs)
    if sheet == "bubbles" and not written.failures:
        _bubble_sheets(exam, written, engine)
    _raise_failures(exam, written)


def _bubble_sheets(exam: Exam, written: Written, engine: str) -> None:
    """Typeset the bubble sheets of every student whose exam was made, names as on the exam."""
    document = json.loads(written.keys.read_text(encoding="utf-8"))
    refused = {failure.variant.id for failure in written.name_failures}
    printed = [variant for variant in exam.variants if variant.id not in refused]
    if not printed:
        return
    files = write_bubble_sheets(
        document,
        written.out_dir,
        {variant.id: written.pdf_name(variant) for variant in printed},
        engine,
        {variant.id: name_tex(variant) for variant in printed},
        written.name_pictures.files() if written.name_pictures else None,
        refused,
    )
    click.echo(
        f"  bubble sheets:    {len(files) - 1} file(s) in {written.out_dir / 'bubble-sheets'}/"
    )
    click.echo(f"  print file:       {files[-1]}")


MANY_WARNINGS = 3  # more than this are summarised in one line


def warning_lines(warnings: list[str], keys: Path) -> list[str]:
    """A few warnings one per line; many in one line that says where the rest are (a spec
    that pins 19 free-text items should not bury the summary under 19 identical lines)."""
    if len(warnings) <= MANY_WARNINGS:
        return [f"warning: {warning}" for warning in warnings]
    return [
        f"warning: {len(warnings)} warnings, the first: {warnings[0]}; all are in {keys} "
        '("warnings"); --quiet hides this line'
    ]


def _typeset(
    exam: Exam, written: Written, groups: dict[Path, list[Variant]], engine: str, jobs: int
) -> None:
    """Compile with a progress bar, then print what was written and what failed."""
    if not sys.stderr.isatty() or len(groups) == 1:
        compile_pdfs(exam, written, groups, engine, jobs)
    else:
        lock = threading.Lock()
        with click.progressbar(
            length=len(groups), label="  typesetting     ", file=sys.stderr, show_pos=True
        ) as bar:

            def done() -> None:
                with lock:
                    bar.update(1)

            compile_pdfs(exam, written, groups, engine, jobs, done)
    folders = sorted({path.parent for path in written.pdf})
    click.echo(
        f"  PDFs:             {len(written.pdf)} file(s) in "
        + ", ".join(f"{folder}/" for folder in folders)
    )
    for path in written.combined:
        click.echo(f"  print file:       {path}")


def _raise_failures(exam: Exam, written: Written) -> None:
    """Name every copy that was not made, after everything else was written."""
    if not written.failures and not written.name_failures:
        return
    click.echo("", err=True)
    for name_failure in written.name_failures:
        click.echo(f"cannot print the name of {name_failure}", err=True)
    if not written.failures:
        missing = [failure.variant.id for failure in written.name_failures]
        rest = "the print files hold every other student" if written.combined else "no print files"
        raise DlexamError(
            f"{len(missing)} of {len(exam.variants)} copies were not made: {', '.join(missing)}; "
            + rest,
            hint="fix what is named above and run the command again",
        )
    for failure in written.failures:
        click.echo(f"LaTeX error in {failure}", err=True)
    failed = sorted({v for failure in written.failures for v in failure.variants})
    logs = ", ".join(str(path) for path in written.logs)
    raise DlexamError(
        f"{len(failed)} of {len(exam.variants)} variant(s) have no PDF: {', '.join(failed)}; "
        "the print files were not written",
        hint=f"the .tex files are kept in {written.out_dir / 'tex'}/; logs: {logs}",
    )
