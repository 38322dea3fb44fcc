"""Practice sheets: a few questions on chosen topics, their worked solutions, keys and CSV template.

A sheet is an ordinary one-variant exam built in memory (an :class:`ExamSpec` whose questions are
chosen here, then :func:`generator.variants.build_exam`), so it is drawn, solved, cross-checked,
typeset and graded exactly like an exam. Only the choice of families is new:

* balanced: the questions go to the chosen topics in turn, the topic with the fewest questions
  first (ties broken by a seeded order), so two topics and five questions give 3 + 2;
* no family twice, as long as the chosen topics have unused families at the chosen difficulty; a
  topic that runs out passes its turn to one that has some left, and only when every chosen topic
  is exhausted does a family repeat (with new numbers), which :attr:`Selection.notes` says;
* the sheet number is the seed: the same seed and options give the same families, numbers and
  documents, and the sheet prints the command that regenerates it.
"""

from __future__ import annotations

import shlex
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from generator import keys as keys_module
from generator.atomic import write_bytes_atomic, write_text_atomic
from generator.build import answers_template
from generator.documents import exam_document
from generator.errors import DlexamError
from generator.family import Family
from generator.pdf import compile_variants, pdf_bytes, reader
from generator.registry import Registry
from generator.spec import ExamSpec, QuestionSpec
from generator.variants import Exam, build_exam

DEFAULT_COUNT = 5
SELECTION_STREAM = 0x70726163  # "prac": the family choice never shares a stream with a question
ALL_TOPICS = "all topics"
# The sheet is the exam mode (questions with answer boxes), the solutions follow as the next
# section: every section starts on a new page, so the solutions never share a page with a question.
SHEET_MODES = ("exam", "solutions")


@dataclass(frozen=True)
class Selection:
    """The families of a sheet in order, the topic each was drawn for, and why it is not ideal."""

    families: tuple[Family, ...]
    topics: tuple[str, ...]
    notes: tuple[str, ...] = ()

    def per_topic(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for topic in self.topics:
            counts[topic] = counts.get(topic, 0) + 1
        return counts


@dataclass(frozen=True)
class Request:
    """What the student asked for; the same request and seed give the same sheet."""

    seed: int
    topics: tuple[str, ...] = ()
    count: int = DEFAULT_COUNT
    difficulties: tuple[int, ...] = ()
    separate: bool = False  # the worked solutions in their own PDF

    @property
    def name(self) -> str:
        return f"practice-{self.seed}"

    def command(self) -> str:
        """The command that regenerates this sheet (printed on it and by the CLI)."""
        words = ["dlexam", "practice", "--seed", str(self.seed)]
        for topic in self.topics:
            words += ["--topic", topic]
        words += ["--count", str(self.count)]
        for level in self.difficulties:
            words += ["--difficulty", str(level)]
        if self.separate:
            words.append("--separate")
        return shlex.join(words)


def _pools(registry: Registry, request: Request) -> dict[str, list[Family]]:
    """Families per chosen topic (sorted by id, so the draw does not depend on folder order)."""
    families = sorted(registry.families.values(), key=lambda f: f.id)
    if request.difficulties:
        families = [f for f in families if f.difficulty in request.difficulties]
    levels = "difficulty " + "/".join(str(d) for d in request.difficulties)
    if not request.topics:
        if not families:
            raise DlexamError(f"no family has {levels}", hint="difficulties run from 1 to 3")
        return {ALL_TOPICS: families}
    known = sorted({t for f in registry.families.values() for t in f.topics})
    pools: dict[str, list[Family]] = {}
    for topic in request.topics:
        if topic not in known:
            raise DlexamError(f"no family has topic {topic!r}", hint=f"topics: {', '.join(known)}")
        pools[topic] = [f for f in families if topic in f.topics]
        if not pools[topic]:
            raise DlexamError(
                f"no family of topic {topic!r} has {levels}",
                hint="`dlexam templates --json` lists the difficulty of each family",
            )
    return pools


def select(registry: Registry, request: Request) -> Selection:
    """Choose the sheet's families (see the module docstring for the rules)."""
    if request.count < 1:
        raise DlexamError("a practice sheet needs at least one question (--count)")
    pools = _pools(registry, request)
    rng = np.random.default_rng(np.random.SeedSequence([request.seed, SELECTION_STREAM]))
    rank = {topic: int(r) for topic, r in zip(pools, rng.permutation(len(pools)), strict=True)}
    used: dict[str, int] = {}
    families: list[Family] = []
    topics: list[str] = []
    per_topic = dict.fromkeys(pools, 0)
    for _ in range(request.count):
        fresh = {t: [f for f in pool if f.id not in used] for t, pool in pools.items()}
        open_topics = [t for t in pools if fresh[t]] or list(pools)
        topic = min(open_topics, key=lambda t: (per_topic[t], rank[t]))
        candidates = fresh[topic]
        if not candidates:  # every chosen topic is exhausted: repeat the least-used families
            fewest = min(used[f.id] for f in pools[topic])
            candidates = [f for f in pools[topic] if used[f.id] == fewest]
        family = candidates[int(rng.integers(len(candidates)))]
        used[family.id] = used.get(family.id, 0) + 1
        per_topic[topic] += 1
        families.append(family)
        topics.append(topic)
    return Selection(tuple(families), tuple(topics), _notes(pools, per_topic, used, request))


def _notes(
    pools: dict[str, list[Family]],
    per_topic: dict[str, int],
    used: dict[str, int],
    request: Request,
) -> tuple[str, ...]:
    """Say when the bank was too small for what was asked (nothing when it was not)."""
    notes = []
    distinct = len({f.id for pool in pools.values() for f in pool})
    levels = (
        " at difficulty " + "/".join(str(d) for d in request.difficulties)
        if request.difficulties
        else ""
    )
    if distinct < request.count:
        repeated = sorted(fid for fid, n in used.items() if n > 1)
        notes.append(
            f"the bank has only {distinct} famil{'y' if distinct == 1 else 'ies'} for "
            f"{', '.join(pools)}{levels}, so {request.count - distinct} question(s) repeat a "
            f"family with new numbers ({', '.join(repeated)})"
        )
    fair = request.count // len(pools)
    short = [t for t, n in per_topic.items() if n < fair and t != ALL_TOPICS]
    for topic in short:
        notes.append(
            f"topic {topic} has only {len(pools[topic])} famil"
            f"{'y' if len(pools[topic]) == 1 else 'ies'}{levels}, so the sheet has "
            f"{per_topic[topic]} question(s) on it and more on the other topics"
        )
    return tuple(notes)


def practice_spec(request: Request, selection: Selection) -> ExamSpec:
    """The in-memory exam spec of a sheet: one variant, the family's own points, no shuffling."""
    where = (
        f"The worked solutions are in {request.name}-solutions.pdf."
        if request.separate
        else "The worked solutions follow on a new page."
    )
    instructions = (
        f"Practice sheet {request.seed}. {where} "
        f"The same sheet again: {request.command()}. "
        "Check your answers: dlexam check keys.json (from the sheet's folder)."
    )
    return ExamSpec(
        title=f"Practice sheet {request.seed}",
        kind="practice",
        course="dlexam practice",
        date="",
        instructions=instructions,
        seed=request.seed,
        variants=1,
        shuffle_questions=False,
        follow_through=1.0,
        questions=tuple(
            QuestionSpec(
                position=index + 1,
                family=family,
                points=None,
                source=False,
                fixed={},
                rules={},
            )
            for index, family in enumerate(selection.families)
        ),
        path=None,
        slug=request.name,
        continuous_pages=not request.separate,
    )


def build_practice(registry: Registry, request: Request) -> tuple[Exam, Selection]:
    """Choose, draw, solve and cross-check a sheet (nothing is written)."""
    selection = select(registry, request)
    exam = build_exam(practice_spec(request, selection), 1, request.seed)
    return exam, selection


def practice_keys(exam: Exam) -> dict[str, Any]:
    """keys.json of a sheet: an exam's keys marked ``kind: practice``, schema-validated."""
    document = keys_module.exam_keys(exam)
    keys_module.validate(document)
    return document


@dataclass
class SheetFiles:
    """What a sheet consists of, computed before anything is written (names -> contents)."""

    name: str
    texts: dict[str, str] = field(default_factory=dict)
    pdfs: dict[str, bytes] = field(default_factory=dict)
    solutions_page: int | None = None  # 1-based page where the solutions start (combined PDF)


def sheet_sources(exam: Exam) -> SheetFiles:
    """keys.json, answers-template.csv and the LaTeX source of a sheet."""
    name = exam.spec.slug
    files = SheetFiles(name)
    files.texts["keys.json"] = keys_module.dumps(practice_keys(exam))
    files.texts["answers-template.csv"] = answers_template(exam)
    files.texts[f"{name}.tex"] = exam_document(exam.spec, exam.variants, SHEET_MODES)
    return files


def typeset_sheet(exam: Exam, files: SheetFiles, engine: str, separate: bool) -> None:
    """Compile the sheet once and cut it into the sheet (and solutions) PDF(s).

    Raises a :class:`DlexamError` naming the question LaTeX failed on; the caller keeps the
    source so the failure can be looked at.
    """
    variants = exam.variants
    result = compile_variants(
        engine,
        variants,
        lambda remaining: exam_document(exam.spec, remaining, SHEET_MODES),
        files.texts[f"{files.name}.tex"],
    )
    if result.pdf is None or result.failures:
        detail = "; ".join(str(f) for f in result.failures) or "pdflatex wrote no PDF"
        raise DlexamError(f"LaTeX failed: {detail}", where=f"{files.name}.tex")
    document = reader(result.pdf)
    vid = variants[0].id
    sheet, solutions = (result.sections[(vid, mode)] for mode in SHEET_MODES)
    questions = (document, range(sheet.start, sheet.end))
    answers = (document, range(solutions.start, solutions.end))
    if separate:
        files.pdfs[f"{files.name}.pdf"] = pdf_bytes([questions])
        files.pdfs[f"{files.name}-solutions.pdf"] = pdf_bytes([answers])
    else:
        files.pdfs[f"{files.name}.pdf"] = pdf_bytes([questions, answers])
        files.solutions_page = sheet.end - sheet.start + 1


def write_sheet(files: SheetFiles, out_dir: Path) -> list[Path]:
    """Write every file atomically; PDFs last, so a sheet on disk always has its keys."""
    written = []
    for name, text in files.texts.items():
        write_text_atomic(out_dir / name, text)
        written.append(out_dir / name)
    for name, data in files.pdfs.items():
        write_bytes_atomic(out_dir / name, data)
        written.append(out_dir / name)
    return written


def topic_summary(selection: Selection) -> str:
    """``cnn 3, rnn 2`` (or the number of questions when no topic was chosen)."""
    counts = selection.per_topic()
    if list(counts) == [ALL_TOPICS]:
        return f"{counts[ALL_TOPICS]} question(s) from the whole bank"
    return ", ".join(f"{topic} {n}" for topic, n in counts.items())


def distinct_topics(values: Iterable[str]) -> tuple[str, ...]:
    """Topics in the order given, each once (``--topic cnn --topic cnn`` is one topic)."""
    return tuple(dict.fromkeys(v.strip() for v in values if v.strip()))


def difficulty_levels(values: Sequence[int]) -> tuple[int, ...]:
    return tuple(sorted(set(values)))
