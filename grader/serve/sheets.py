"""What a practice page shows, derived from its URL alone, and how its answers are checked.

A page is one question of a family (``/q/conv_shape/17``), a variant of a bundled exam
(``/exam/vir2019/17``) or a practice sheet chosen by topic and difficulty
(``/sheet?seed=22&topic=cnn&difficulty=2&count=3``, the selection of ``dlexam practice``).
Each is an ordinary one-variant exam built by the generator, so its keys are the keys
``dlexam check`` reads and grading is :func:`grader.part.grade_part` with the same
:class:`~grader.part.Context` for follow-through. Nothing is stored: the same URL
gives the same questions on any server process; solved pages are cached per process only to save
time.
"""

from __future__ import annotations

import secrets
from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from urllib.parse import urlencode

from generator import practice
from generator.errors import DlexamError
from generator.keys import exam_keys
from generator.outputs.html import QuestionHtml, question_pictures, render_questions_html
from generator.outputs.model import QuestionModel, question_model
from generator.practice_cli import NEW_SHEET_SEEDS
from generator.registry import default_registry
from generator.spec import SPEC_DIR, ExamSpec, load_spec
from generator.variants import Exam, build_exam
from grader.exam import ExamKeys
from grader.part import Context, PartResult, QuestionInfo, grade_part

MAX_SEED = 2**32 - 1
MAX_COUNT = 10
CACHE_SIZE = 512


class BadRequest(Exception):
    """A URL or form that names no page; the message says what is wrong and what to do."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass(frozen=True)
class Link:
    """Everything a page depends on: one family, a bundled exam or a sheet request, and a seed."""

    seed: int
    family: str | None = None
    topics: tuple[str, ...] = ()
    difficulties: tuple[int, ...] = ()
    count: int = practice.DEFAULT_COUNT
    exam: str | None = None  # a bundled spec's name (generator/specs/NAME.yaml)

    @property
    def single(self) -> bool:
        """One family's question or a bundled exam: pages at a path, not a query."""
        return bool(self.family or self.exam)

    @property
    def path(self) -> str:
        if self.family:
            return f"/q/{self.family}/{self.seed}"
        if self.exam:
            return f"/exam/{self.exam}/{self.seed}"
        return f"/sheet?{self.query(seed=True)}"

    def query(self, seed: bool) -> str:
        pairs: list[tuple[str, str | int]] = [("seed", self.seed)] if seed else []
        pairs += [("topic", t) for t in self.topics] + [
            ("difficulty", d) for d in self.difficulties
        ]
        return urlencode([*pairs, ("count", self.count)])

    @property
    def check_path(self) -> str:
        if self.single:
            return f"{self.path}/check"
        return f"/sheet/check?{self.query(seed=True)}"

    @property
    def new_path(self) -> str:
        """The same choice with a fresh seed ("another one like this")."""
        if self.single:
            return self.path.rsplit("/", 1)[0]
        return f"/sheet?{self.query(seed=False)}"

    @property
    def pdf_path(self) -> str:
        """The same selection as a practice sheet PDF (questions, then worked solutions)."""
        if self.single:
            return f"{self.path}/sheet.pdf"
        return f"/sheet.pdf?{self.query(seed=True)}"

    @property
    def pdf_name(self) -> str:
        """The PDF's file name: ``conv_shape-17.pdf``, ``vir2019-17.pdf``, ``practice-22.pdf``."""
        return f"{self.family or self.exam or 'practice'}-{self.seed}.pdf"

    def figure_path(self, token: str) -> str:
        """Where a page's figure is drawn on request (the page itself comes back sooner)."""
        if self.single:
            return f"{self.path}/figure/{token}.svg"
        return f"/sheet/figure/{token}.svg?{self.query(seed=True)}"


def new_seed() -> int:
    return secrets.randbelow(NEW_SHEET_SEEDS)


def parse_seed(text: str | None) -> int:
    if text is None or not text.strip().isdigit() or int(text) > MAX_SEED:
        raise BadRequest(f"the seed must be a whole number from 0 to {MAX_SEED}, not {text!r}")
    return int(text)


def family_link(family: str, seed: str | None) -> Link:
    if family not in default_registry().families:
        raise BadRequest(f"there is no question family {family!r}", status=404)
    return Link(parse_seed(seed) if seed is not None else new_seed(), family)


@cache
def bundled_exams() -> dict[str, ExamSpec]:
    """The bundled exam specs by name (``vir2019``, ``tum_endterm``, ...)."""
    registry = default_registry()
    return {path.stem: load_spec(path, registry) for path in sorted(SPEC_DIR.glob("*.yaml"))}


def exam_link(name: str, seed: str | None) -> Link:
    if name not in bundled_exams():
        raise BadRequest(f"there is no bundled exam {name!r}", status=404)
    return Link(parse_seed(seed) if seed is not None else new_seed(), exam=name)


def sheet_link(query: Mapping[str, list[str]]) -> Link:
    """The sheet a query names (``seed`` missing: a fresh one is drawn)."""
    registry = default_registry()
    known = {t for f in registry.families.values() for t in f.topics}
    topics = practice.distinct_topics(query.get("topic", []))
    unknown = sorted(set(topics) - known)
    if unknown:
        raise BadRequest(f"unknown topic {unknown[0]!r}; topics: {', '.join(sorted(known))}")
    levels = query.get("difficulty", [])
    if any(level not in ("1", "2", "3") for level in levels):
        raise BadRequest("difficulty runs from 1 (easy) to 3 (hard)")
    count_text = (query.get("count") or [str(practice.DEFAULT_COUNT)])[-1]
    if not count_text.isdigit() or not 1 <= int(count_text) <= MAX_COUNT:
        raise BadRequest(f"count must be a whole number from 1 to {MAX_COUNT}")
    seeds = query.get("seed")
    seed = parse_seed(seeds[-1]) if seeds else new_seed()
    difficulties = practice.difficulty_levels([int(level) for level in levels])
    return Link(seed, None, topics, difficulties, int(count_text))


@dataclass(frozen=True)
class Question:
    """One question of a page: its HTML as first shown (no key, steps or rubric: see
    :func:`worked`), the model those are rendered from, its topics, and where it is on which
    page, for its keys as ``dlexam check`` reads them (read on first use: :func:`page_keys`)."""

    html: QuestionHtml
    model: QuestionModel
    topics: tuple[str, ...]
    link: Link
    index: int

    @property
    def keys(self) -> QuestionInfo:
        return page_keys(self.link)[self.index]


@dataclass(frozen=True)
class Page:
    link: Link
    exam: Exam
    questions: tuple[Question, ...]
    pictures: Mapping[str, str]  # figure token -> TikZ source, drawn by the figure route


def _exam(link: Link) -> Exam:
    registry = default_registry()
    if link.exam:
        return build_exam(bundled_exams()[link.exam], 1, link.seed)
    request = practice.Request(link.seed, link.topics, link.count, link.difficulties)
    if link.family is None:
        exam, _ = practice.build_practice(registry, request)
        return exam
    family = registry.get(link.family)
    request = practice.Request(link.seed, count=1)
    selection = practice.Selection((family,), (family.topics[0],))
    return build_exam(practice.practice_spec(request, selection), 1, link.seed)


@lru_cache(maxsize=CACHE_SIZE)
def solved(link: Link) -> Page:
    """Draw, solve, cross-check and render the page of ``link`` (cached per process). Keys,
    worked steps and rubrics wait for a check: most pages are looked at, not all answered."""
    try:
        exam = _exam(link)
    except DlexamError as error:
        raise BadRequest(str(error)) from None
    variant = exam.variants[0]
    models = [question_model(instance, number) for number, instance in variant.ordered()]
    rendered = render_questions_html(models, "mathml", figure_url=link.figure_path, shown=())
    questions = tuple(
        Question(html, model, tuple(instance.family.topics), link, index)
        for index, (html, model, (_, instance)) in enumerate(
            zip(rendered, models, variant.ordered(), strict=True)
        )
    )
    return Page(link, exam, questions, question_pictures(models))


@lru_cache(maxsize=CACHE_SIZE)
def page_keys(link: Link) -> tuple[QuestionInfo, ...]:
    """The keys of the page's questions, in its order, as ``dlexam check`` reads them."""
    page = solved(link)
    keys = ExamKeys(exam_keys(page.exam), default_registry())
    infos = {int(q.question["position"]): q for q in keys.questions(page.exam.variants[0].id)}
    return tuple(infos[question.html.position] for question in page.questions)


def worked(page: Page, shown: Collection[str]) -> tuple[QuestionHtml, ...]:
    """The page's questions with the key, worked steps and rubric of the ``shown`` parts (the
    question text comes from pandoc's cache: only the shown parts' solutions are converted)."""
    models = [question.model for question in page.questions]
    html = render_questions_html(models, "mathml", figure_url=page.link.figure_path, shown=shown)
    return tuple(html)


def sheet_exam(link: Link) -> Exam:
    """The page's exam as its practice sheet PDF prints it: the instructions name the page to
    check answers on (a downloaded PDF has no folder with a keys.json to check against)."""
    exam = solved(link).exam
    online = f"Check your answers online: {link.path} on the practice server."
    if link.exam:
        instructions = f"{exam.spec.instructions} {online}".strip()
    else:
        instructions = f"{exam.spec.title}. The worked solutions follow on a new page. {online}"
        if not link.family:
            request = practice.Request(link.seed, link.topics, link.count, link.difficulties)
            instructions += f" The same sheet in a terminal: {request.command()}."
    return replace(exam, spec=replace(exam.spec, instructions=instructions))


def grade(page: Page, answers: Mapping[str, str]) -> dict[str, PartResult]:
    """Every part's result, in order, exactly as ``dlexam check`` grades (follow-through too)."""
    results: dict[str, PartResult] = {}
    for question in page.questions:
        context = Context(question.keys)
        for label, key in question.keys.parts.items():
            result = grade_part(key, answers.get(label), context)
            context.earlier[label] = result
            results[label] = result
    return results
