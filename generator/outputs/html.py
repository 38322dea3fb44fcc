"""HTML fragments of solved variants: the API pages, LMS exports and the practice server use.

Entry points::

    render_variant_html(variant, math="mathml", figures=None) -> VariantHtml
    render_variants_html(variants, math, figures) -> list[VariantHtml]   # one pandoc batch for all
    render_questions_html(questions, math, figures, figure_url=None) -> list[QuestionHtml]

``variant`` is a :class:`generator.variants.Variant` or its :class:`~generator.outputs.model.
VariantModel`. A :class:`VariantHtml` holds its questions in printed order; a
:class:`QuestionHtml` holds

- ``question``: the question as ``(part id or None, html)`` blocks in the family template's
  order (``None`` = prose shared by the parts around it: the setting, a table, a figure);
- ``solution``: the worked solution, the same way;
- ``parts``: one :class:`PartHtml` per asked part with its ``label`` (CSV column, e.g. ``3b``),
  ``kind``, plain-text ``prompt``, ``points``, and the HTML of its ``question`` text, worked
  ``solution``, ``key`` (display math; empty for manual parts), ``rubric`` and choice ``options``.

Every fragment is a piece of HTML body (no ``<html>``, no scripts, no outside links). Math is
MathML with ``math="mathml"`` (standalone pages, screen readers) or ``\\( ... \\)`` and
``\\[ ... \\]`` with ``math="mathjax"`` (Moodle, Canvas). Every TikZ figure is an
``<img class="dl-figure">`` whose ``src`` is an SVG data URI (``data:image/svg+xml;base64,...``),
compiled once per distinct picture by :class:`generator.outputs.figures.FigureCache`; an
exporter that needs files decodes the data URIs with :func:`figure_data`. A web server passes
``figure_url`` instead (token -> URL): the page links its figures, and the figure route compiles
one on request (:func:`question_pictures` finds a question's TikZ source by token).
"""

from __future__ import annotations

import base64
import hashlib
import html as html_lib
import re
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from generator.outputs import pandoc
from generator.outputs.figures import PICTURE, FigureCache
from generator.outputs.model import (
    Block,
    PartModel,
    QuestionModel,
    VariantModel,
    variant_model,
)
from generator.variants import Variant

FIGURE_TOKEN = "DLEXAMFIGURE{}"
FIGURE_PATTERN = re.compile(r"DLEXAMFIGURE([0-9a-f]{24})")
DATA_URI = re.compile(r'src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)"')
Piece = TypeVar("Piece")


@dataclass(frozen=True)
class PartHtml:
    id: str
    label: str
    kind: str
    prompt: str
    points: float
    auto_graded: bool
    question: str
    solution: str
    key: str
    rubric: str
    options: tuple[str, ...]


@dataclass(frozen=True)
class QuestionHtml:
    number: int
    position: int
    family: str
    title: str
    points: float
    question: tuple[tuple[str | None, str], ...]
    solution: tuple[tuple[str | None, str], ...]
    parts: tuple[PartHtml, ...]

    def part(self, part_id: str) -> PartHtml:
        return next(part for part in self.parts if part.id == part_id)


@dataclass(frozen=True)
class VariantHtml:
    id: str
    student: Any
    questions: tuple[QuestionHtml, ...]

    @property
    def points(self) -> float:
        return sum(question.points for question in self.questions)


def figure_data(html: str) -> list[bytes]:
    """The SVG files embedded in a fragment, in order (for exporters that attach files)."""
    return [base64.b64decode(match[1]) for match in DATA_URI.finditer(html)]


def _figure_img(src: str, alt: str) -> str:
    return f'<img class="dl-figure" alt="{html_lib.escape(alt)}" src="{html_lib.escape(src)}">'


def _data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def picture_token(picture: str) -> str:
    """A figure's stable name: the start of the SHA-256 of its TikZ source."""
    return hashlib.sha256(picture.encode()).hexdigest()[:24]


def question_pictures(questions: Sequence[QuestionModel]) -> dict[str, str]:
    """``{token: TikZ source}`` of every figure in the questions and their solutions."""
    return {
        picture_token(match[0]): match[0]
        for question in questions
        for block in question.question + question.solution
        for match in PICTURE.finditer(block.latex)
    }


def _places(question: QuestionModel) -> tuple[str, str]:
    """Where a figure of ``question`` sits, for its alt text (what a screen reader announces)."""
    named = f"question {question.number} ({question.title})"
    return named, f"the solution of {named}"


class _Batch:
    """Collects the LaTeX fragments of many questions, converts them in one go, hands them back.

    Each figure gets an alt text naming its place ("Figure 2 of question 3 (Title)"), numbered
    in reading order within the question or its solution."""

    def __init__(self) -> None:
        self.fragments: list[str] = []
        self.pictures: dict[str, str] = {}  # token -> TikZ source
        self.alts: list[list[str]] = []  # per fragment, the alt text of each figure in order
        self.counts: dict[str, int] = {}  # figures numbered so far per place

    def add(self, latex: str, place: str, keep: bool = True) -> int:
        """The fragment's index in the batch; -1 for a fragment left out (``keep`` false), whose
        figures are still counted so that those after it keep their numbers."""
        if not keep:
            self.counts[place] = self.counts.get(place, 0) + len(PICTURE.findall(latex))
            return -1
        alts: list[str] = []

        def replace(match: re.Match[str]) -> str:
            token = picture_token(match[0])
            self.pictures[token] = match[0]
            self.counts[place] = self.counts.get(place, 0) + 1
            alts.append(f"Figure {self.counts[place]} of {place}")
            return FIGURE_TOKEN.format(token)

        self.fragments.append(PICTURE.sub(replace, latex))
        self.alts.append(alts)
        return len(self.fragments) - 1

    def convert(
        self, math: str, figures: FigureCache | None, figure_url: Callable[[str], str] | None
    ) -> list[str]:
        if figure_url is None:
            svgs = (figures or FigureCache()).svgs(self.pictures.values())
            sources = {token: _data_uri(svgs[tikz]) for token, tikz in self.pictures.items()}
        else:
            sources = {token: figure_url(token) for token in self.pictures}

        def images(html: str, alts: list[str]) -> str:
            names = iter(alts)  # pandoc keeps the figures' order
            return FIGURE_PATTERN.sub(lambda m: _figure_img(sources[m[1]], next(names)), html)

        converted = pandoc.to_html(self.fragments, math)
        return [images(html, alts) for html, alts in zip(converted, self.alts, strict=True)]


def _flow(batch: _Batch, blocks: tuple[Block, ...], place: str) -> list[tuple[str | None, int]]:
    return [(block.part, batch.add(block.latex, place)) for block in blocks]


def _key(part: PartModel, shown: bool) -> str:
    """The key as display math; not written at all for a part whose solution is not shown."""
    return f"$\\displaystyle {part.key_latex}$" if shown and part.key_latex else ""


def part_steps(flow: Iterable[tuple[str | None, Piece]]) -> list[tuple[str, list[Piece]]]:
    """Each part's share of a worked solution, in order: the prose that leads up to it (the
    pieces of no part since the previous part's), then its own. Prose after the last part
    belongs to the whole solution, so to no part."""
    steps: list[tuple[str, list[Piece]]] = []
    lead: list[Piece] = []
    for part, piece in flow:
        if part is None:
            lead.append(piece)
        else:
            steps.append((part, [*lead, piece]))
            lead = []
    return steps


def _worked_flow(
    batch: _Batch, question: QuestionModel, place: str, shown: Collection[str] | None
) -> list[tuple[str | None, int]]:
    """The solution's blocks, or (``shown``: labels) only the steps of the shown parts."""
    if shown is None:
        return _flow(batch, question.solution, place)
    labels = {part.id: part.label for part in question.parts}
    flow: list[tuple[str | None, int]] = []
    for part_id, blocks in part_steps((block.part, block) for block in question.solution):
        keep = labels.get(part_id) in shown  # a part the exam does not ask has no label
        for block in blocks:
            index = batch.add(block.latex, place, keep)
            if keep:
                flow.append((block.part, index))
    return flow


def render_questions_html(
    questions: Sequence[QuestionModel],
    math: str = "mathml",
    figures: FigureCache | None = None,
    figure_url: Callable[[str], str] | None = None,
    shown: Collection[str] | None = None,
) -> list[QuestionHtml]:
    """HTML of every question, with one pandoc batch and one figure batch for all of them.

    ``shown`` (part labels) limits the worked solution, keys and rubrics to those parts: a
    server renders a part's only when it is checked or revealed (most of a page's LaTeX, and
    the key must not reach the browser before). The others' are empty."""
    batch = _Batch()
    plans = []
    for question in questions:
        in_question, in_solution = _places(question)
        plans.append(
            (
                question,
                _flow(batch, question.question, in_question),
                _worked_flow(batch, question, in_solution, shown),
                [
                    (
                        part,
                        batch.add(_key(part, keep), in_solution, keep),
                        batch.add(part.rubric_latex, in_solution, keep),
                        [batch.add(text, in_question) for text in part.options_latex],
                    )
                    for part in question.parts
                    for keep in [shown is None or part.label in shown]
                ],
            )
        )
    html = batch.convert(math, figures, figure_url)
    result = []
    for question, asked, solved, parts in plans:
        body = {part: html[index] for part, index in asked if part}
        worked = {part: html[index] for part, index in solved if part}
        result.append(
            QuestionHtml(
                number=question.number,
                position=question.position,
                family=question.family,
                title=question.title,
                points=question.points,
                question=tuple((part, html[index]) for part, index in asked),
                solution=tuple((part, html[index]) for part, index in solved),
                parts=tuple(
                    PartHtml(
                        id=part.id,
                        label=part.label,
                        kind=part.kind,
                        prompt=part.prompt,
                        points=part.points,
                        auto_graded=part.auto_graded,
                        question=body.get(part.id, ""),
                        solution=worked.get(part.id, ""),
                        key=html[key] if key >= 0 else "",
                        rubric=html[rubric] if rubric >= 0 else "",
                        options=tuple(html[i] for i in options),
                    )
                    for part, key, rubric, options in parts
                ),
            )
        )
    return result


def _model(variant: Variant | VariantModel) -> VariantModel:
    return variant if isinstance(variant, VariantModel) else variant_model(variant)


def render_variants_html(
    variants: Sequence[Variant | VariantModel],
    math: str = "mathml",
    figures: FigureCache | None = None,
) -> list[VariantHtml]:
    """HTML of many variants at once (one pandoc batch, one LaTeX run for all new figures)."""
    models = [_model(variant) for variant in variants]
    questions = iter(
        render_questions_html([q for model in models for q in model.questions], math, figures)
    )
    return [
        VariantHtml(
            id=model.id,
            student=model.student,
            questions=tuple(next(questions) for _ in model.questions),
        )
        for model in models
    ]


def render_variant_html(
    variant: Variant | VariantModel, math: str = "mathml", figures: FigureCache | None = None
) -> VariantHtml:
    """HTML fragments of one variant's questions, parts, worked solutions, keys and rubrics."""
    return render_variants_html([variant], math, figures)[0]
