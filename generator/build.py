"""``dlexam generate``: from a spec to keys.json, LaTeX sources, PDFs and the answer-CSV template.

Output folder::

    keys.json                  every variant's keys (and its student, with a roster)
    answers-template.csv       the header the grader expects, with one example row
    tex/V001-V013.tex ...      the LaTeX sources, several variants in every mode per file
    tex/fragments.tex          with a roster: the students' names, for LuaLaTeX
    exam/V001.pdf ...          the student's exam of each variant
    answer-sheets/V001.pdf ... one sheet of labelled answer boxes per variant
    solutions/V001.pdf ...     keys, worked steps and rubric of each variant
    exam-all.pdf, answer-sheets-all.pdf, solutions-all.pdf
                               every variant in one file for duplex printing (odd-page starts)

Keys and sources are computed before anything is written, and every file is written atomically,
so a failing family or an interrupted run never leaves a half-written key next to good documents.
"""

from __future__ import annotations

import json
import math
import string
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from generator import fragments as fragments_module
from generator import keys as keys_module
from generator.atomic import write_bytes_atomic, write_text_atomic
from generator.documents import MODES, exam_document
from generator.errors import DlexamError
from generator.filenames import safe_names
from generator.formatting import ANSWER_EXAMPLES
from generator.pdf import ChunkResult, LatexFailure, compile_variants, pdf_bytes, reader
from generator.spreadsheet import csv_text
from generator.variants import Exam, Variant

FOLDERS = {"exam": "exam", "answer-sheet": "answer-sheets", "solutions": "solutions"}
# Variants per LaTeX document: a function of the variant count only, never of --jobs, so the same
# command gives byte-identical files however many cores ran it. About eight documents keep two to
# eight cores busy; 25 variants bound the cost of re-running a document after an error.
CHUNKS = 8
MAX_CHUNK = 25


@dataclass
class Written:
    """Where ``generate`` put things, and what failed, for the summary the CLI prints."""

    out_dir: Path
    keys: Path
    answers_template: Path
    tex: list[Path] = field(default_factory=list)
    pdf: list[Path] = field(default_factory=list)
    combined: list[Path] = field(default_factory=list)
    failures: list[LatexFailure] = field(default_factory=list)
    logs: list[Path] = field(default_factory=list)
    name_failures: list[NameFailure] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)  # variant id -> PDF file name
    name_pictures: fragments_module.Fragments | None = None  # the roster's names, typeset

    def pdf_name(self, variant: Variant) -> str:
        return self.names.get(variant.id, f"{variant.id}.pdf")


@dataclass(frozen=True)
class NameFailure:
    """A student whose name cannot be printed, so their copy was not made."""

    variant: Variant
    reason: str

    def __str__(self) -> str:
        student = self.variant.student or {}
        return (
            f"student {student.get('id')} ({student.get('name')}), variant {self.variant.id}: "
            f"{self.reason}"
        )


EXAMPLE_STUDENT = "EXAMPLE"  # the template's example row; the grader skips it with a note


def answers_template(exam: Exam) -> str:
    """CSV header the grader expects, with one example row showing each answer format.

    The columns are every auto-graded part label of every variant in printed order (with
    shuffled questions, question 1 of one variant is another family than in the next). The
    example row belongs to no student: its id is ``EXAMPLE``, so if it is left in, the grader
    skips it instead of grading placeholders as a real student's answers.
    """
    kinds: dict[str, str] = {}
    for variant in exam.variants:
        for _, instance in variant.ordered():
            for part in instance.parts:
                if part.auto_graded:
                    kinds.setdefault(instance.label(part), part.kind)
    labels = sorted(kinds, key=lambda label: (int(label.rstrip(string.ascii_letters)), label))
    first = exam.variants[0].id
    return csv_text(
        [
            ["student_id", "variant", *labels],
            [EXAMPLE_STUDENT, first, *(ANSWER_EXAMPLES[kinds[label]] for label in labels)],
        ]
    )


def chunks(variants: list[Variant]) -> list[list[Variant]]:
    """The variants of each LaTeX document, in order."""
    size = max(1, min(MAX_CHUNK, math.ceil(len(variants) / CHUNKS)))
    return [variants[i : i + size] for i in range(0, len(variants), size)]


def chunk_name(variants: list[Variant]) -> str:
    first, last = variants[0].id, variants[-1].id
    return first if first == last else f"{first}-{last}"


NAME_BY = ("variant", "student")


PRINTED = ("position", "number", "family", "params")  # what a printed copy of a question fixes


def _printed(document: dict[str, Any]) -> dict[str, Any]:
    """Each variant's printed questions (family, number, place and drawn numbers) and student.

    Only these decide whether printed copies still match: the rest of a key (its LaTeX, fields
    added by a newer keys format, the generator's version) is re-derived from them."""
    return {
        variant["id"]: (
            [{key: question.get(key) for key in PRINTED} for question in variant["questions"]],
            variant.get("student"),
        )
        for variant in document.get("variants", [])
    }


def _same_questions(old: dict[str, Any], new: dict[str, Any]) -> bool:
    """Do the variants both documents have ask the same questions (family, numbers, place) of
    the same students (a reordered roster would hand a printed copy to someone else's key)?"""
    old_variants, new_variants = _printed(old), _printed(new)
    shared = set(old_variants) & set(new_variants)
    return bool(shared) and all(old_variants[v] == new_variants[v] for v in shared)


def refuse_other_keys(path: Path, document: dict[str, Any]) -> None:
    """Refuse to replace keys of another exam: printed copies may already match them."""
    try:
        old = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return
    except (OSError, ValueError):
        old = {}
    try:
        if isinstance(old, dict) and _same_questions(old, document):
            return
    except (KeyError, TypeError, AttributeError):  # not keys dlexam wrote: refuse as well
        old = {}
    exam = old.get("exam", {}) if isinstance(old, dict) else {}
    new = document["exam"]
    if not isinstance(exam, dict) or not exam:
        what = "a keys file dlexam cannot read"
    elif (exam.get("spec"), exam.get("seed")) == (new["spec"], new["seed"]):
        what = (
            f"keys written by {old.get('generator', 'another dlexam')} for the same spec and "
            f"seed, but {document['generator']} draws other questions or students from them"
        )
    else:
        what = f"the keys of another exam (spec {exam.get('spec')}, seed {exam.get('seed')})"
    raise DlexamError(
        f"holds {what}; this run (spec {new['spec']}, seed {new['seed']}) would replace it, "
        "and exams printed from the old keys would no longer match",
        where=str(path),
        hint="add --force to replace it, or choose another --out",
    )


def write_sources(
    exam: Exam, out_dir: Path, name_by: str = "variant", force: bool = True
) -> tuple[Written, dict[Path, list[Variant]]]:
    """Write keys.json (schema-validated), the LaTeX sources and the CSV template.

    ``name_by="student"`` names each variant's PDFs by its student's id (``exam/s001.pdf``), for
    handing out or uploading per student; the variant code stays on every page. Without
    ``force``, keys.json of another exam in ``out_dir`` is not replaced (see
    :func:`refuse_other_keys`)."""
    document = keys_module.exam_keys(exam)
    keys_module.validate(document)
    if not force:
        refuse_other_keys(out_dir / "keys.json", document)
    groups = {out_dir / "tex" / f"{chunk_name(c)}.tex": c for c in chunks(exam.variants)}
    texts = {path: exam_document(exam.spec, group) for path, group in groups.items()}
    written = Written(
        out_dir=out_dir,
        keys=out_dir / "keys.json",
        answers_template=out_dir / "answers-template.csv",
    )
    if name_by == "student":
        ids = [
            variant.student["id"] if variant.student else variant.id for variant in exam.variants
        ]
        names = safe_names(ids, ".pdf")
        written.names = {v.id: name for v, name in zip(exam.variants, names, strict=True)}
    if any(variant.student for variant in exam.variants):
        texts[out_dir / "tex" / fragments_module.SOURCE] = fragments_module.fragments_document(
            exam.variants
        )
    for path, text in texts.items():
        write_text_atomic(path, text)
        written.tex.append(path)
    write_text_atomic(written.answers_template, answers_template(exam))
    write_text_atomic(written.keys, keys_module.dumps(document))
    return written, groups


@dataclass
class _Typeset:
    """What one compiled source gave: its result, the files written and the print pieces."""

    result: ChunkResult
    files: list[Path] = field(default_factory=list)
    pieces: dict[str, list[tuple[PdfReader, range]]] = field(default_factory=dict)


def _typeset(
    exam: Exam,
    path: Path,
    variants: list[Variant],
    engine: str,
    written: Written,
    name_pictures: fragments_module.Fragments | None,
) -> _Typeset:
    """Compile one source and write its per-variant PDFs (in the worker, so splitting one
    document overlaps with pdflatex typesetting the next). Variants whose student's name cannot
    be printed are left out of the document."""
    printable = [v for v in variants if name_pictures is None or name_pictures.problem(v) is None]
    if not printable:
        return _Typeset(ChunkResult(None), pieces={mode: [] for mode in MODES})
    result = compile_variants(
        engine,
        printable,
        lambda remaining: exam_document(exam.spec, remaining),
        path.read_text(encoding="utf-8") if printable == variants else None,
        name_pictures.files() if name_pictures else None,
    )
    typeset = _Typeset(result, pieces={mode: [] for mode in MODES})
    if result.pdf is None:
        return typeset
    pdf = reader(result.pdf)
    for variant in variants:
        for mode in MODES:
            pages = result.sections.get((variant.id, mode))
            if pages is None:  # this variant failed and was left out
                continue
            target = written.out_dir / FOLDERS[mode] / written.pdf_name(variant)
            write_bytes_atomic(target, pdf_bytes([(pdf, range(pages.start, pages.end))]))
            typeset.files.append(target)
            typeset.pieces[mode].append((pdf, range(pages.start, pages.padded)))
    return typeset


def typeset_names(exam: Exam, written: Written) -> fragments_module.Fragments | None:
    """Typeset the roster's names with LuaLaTeX (None without a roster); every student whose
    name cannot be printed is recorded in ``written.name_failures``."""
    if not any(variant.student for variant in exam.variants):
        return None
    engine = fragments_module.find_engine()
    if engine is None:
        pictures = fragments_module.Fragments(
            None, errors=(f"{fragments_module.ENGINE} not found",)
        )
    else:
        source = written.out_dir / "tex" / fragments_module.SOURCE
        pictures = fragments_module.typeset_fragments(engine, source.read_text(encoding="utf-8"))
    for variant in exam.variants:
        reason = pictures.problem(variant)
        if reason:
            written.name_failures.append(NameFailure(variant, reason))
    return pictures


def compile_pdfs(
    exam: Exam,
    written: Written,
    groups: dict[Path, list[Variant]],
    engine: str,
    jobs: int = 1,
    done: Callable[[], None] = lambda: None,
) -> None:
    """Compile every source in parallel, write the per-variant PDFs, then the print files.

    A variant that fails in LaTeX is reported (in ``written.failures``, with the log kept next
    to its source) and the others are still written; the print files are then not written,
    since a print run silently missing a student is worse than none. A student whose name no
    font can print is known before LaTeX runs: their copy is left out, reported in
    ``written.name_failures``, and the print files hold everyone else's.
    """
    name_pictures = written.name_pictures = typeset_names(exam, written)

    def work(path: Path) -> _Typeset:
        typeset = _typeset(exam, path, groups[path], engine, written, name_pictures)
        done()
        return typeset

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        results = dict(zip(groups, pool.map(work, groups), strict=True))
    pieces: dict[str, list[tuple[PdfReader, range]]] = {mode: [] for mode in MODES}
    for path, typeset in results.items():
        written.failures += typeset.result.failures
        written.pdf += typeset.files
        log = path.with_suffix(".log")
        if typeset.result.failed_log:
            write_text_atomic(log, typeset.result.failed_log)
            written.logs.append(log)
        else:
            log.unlink(missing_ok=True)  # from an earlier, failed run
        for mode in MODES:
            pieces[mode] += typeset.pieces[mode]
    for mode in MODES:
        combined = written.out_dir / f"{FOLDERS[mode]}-all.pdf"
        if written.failures or not pieces[mode]:  # no print run missing a student, or of nobody
            combined.unlink(missing_ok=True)
            continue
        write_bytes_atomic(combined, pdf_bytes(pieces[mode]))
        written.combined.append(combined)
