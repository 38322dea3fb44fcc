"""One renderer-neutral model of a solved variant: what every output format prints.

The family's ``question.tex.j2`` and ``solution.tex.j2`` are rendered once with a part wrapper
that, instead of drawing a LaTeX part environment, cuts the text at each part: a question becomes
a flow of :class:`Block` s, prose shared by several parts (the setting, a figure, an intro to
parts f and g) and part bodies, in template order. Each part carries its LaTeX question text,
worked solution, key and rubric, so a renderer (HTML page, LMS export, browser practice) decides
how a part, its points, its answer input and its key look, and no family text is copied.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from generator import formatting
from generator.instance import Instance
from generator.rendering import (
    SOLUTION_TEMPLATE,
    PartView,
    option_count,
    part_room,
    render_family_text,
    tex_with_math,
)
from generator.variants import Variant

MARK = "\n\n@@dlexam-part:{}@@\n\n"
MARK_PATTERN = re.compile(r"\s*@@dlexam-part:(\w+)@@\s*")


@dataclass(frozen=True)
class Block:
    """A piece of a question or solution: a part's body, or prose (``part`` is None)."""

    part: str | None
    latex: str


@dataclass(frozen=True)
class PartModel:
    """One asked part: what the family declares, plus its label, points and key in this exam."""

    id: str
    kind: str
    prompt: str  # plain text
    view: PartView  # label (CSV column, e.g. 3b), points, key LaTeX, rubric (as in meta.yaml)
    options_latex: tuple[str, ...]  # choice/multi parts: option texts A, B, ... (text-mode)
    room: float  # cm of answer box on the printed exam (generator.rendering.part_room)

    @property
    def label(self) -> str:
        return self.view.label

    @property
    def points(self) -> float:
        return self.view.points

    @property
    def auto_graded(self) -> bool:
        return self.view.auto_graded

    @property
    def key_latex(self) -> str:
        """Math-mode LaTeX of the key ("" for manual parts)."""
        return self.view.key_latex

    @property
    def rubric_latex(self) -> str:
        """Text-mode LaTeX with ``$...$`` math ("" when the part has no rubric)."""
        return str(tex_with_math(self.view.rubric)) if self.view.rubric else ""


@dataclass(frozen=True)
class QuestionModel:
    number: int  # as printed in this variant (questions may be shuffled)
    position: int  # in the spec, the first digit of every label
    family: str
    title: str
    points: float
    question: tuple[Block, ...]
    solution: tuple[Block, ...]
    parts: tuple[PartModel, ...]

    def part(self, part_id: str) -> PartModel:
        return next(part for part in self.parts if part.id == part_id)


@dataclass(frozen=True)
class VariantModel:
    id: str
    student: Mapping[str, str] | None
    questions: tuple[QuestionModel, ...]

    @property
    def points(self) -> float:
        return sum(question.points for question in self.questions)


def _split(instance: Instance, template: str, mode: str) -> tuple[Block, ...]:
    bodies: dict[str, str] = {}
    views: Mapping[str, PartView] = instance.views

    def part(part_id: str, caller: Callable[[], str]) -> formatting.Latex:
        if part_id not in views:  # the exam spec left this part out
            return formatting.Latex("")
        bodies[part_id] = caller().strip()
        return formatting.Latex(MARK.format(part_id))

    text = render_family_text(
        instance.family, template, mode, instance.params, instance.values, views, part
    )
    pieces = MARK_PATTERN.split(text)
    ordered: list[Block] = []
    for index, prose in enumerate(pieces[::2]):
        if prose.strip():
            ordered.append(Block(None, prose.strip()))
        if 2 * index + 1 < len(pieces):
            part_id = pieces[2 * index + 1]
            ordered.append(Block(part_id, bodies[part_id]))
    return tuple(ordered)


def _options(instance: Instance, part_id: str) -> tuple[str, ...]:
    part = instance.family.part(part_id)
    if not option_count(instance.family, part_id, instance.values):
        return ()
    return tuple(formatting.latex(text) for text in instance.values[str(part.options)])


def question_model(instance: Instance, number: int | None = None) -> QuestionModel:
    """The model of one solved question; ``number`` defaults to its position in the spec."""
    views = instance.views
    parts = tuple(
        PartModel(
            part.id,
            part.kind,
            part.prompt,
            views[part.id],
            _options(instance, part.id),
            part_room(part, instance.values),
        )
        for part in instance.parts
    )
    return QuestionModel(
        number=instance.position if number is None else number,
        position=instance.position,
        family=instance.family.id,
        title=instance.family.title,
        points=instance.total_points,
        question=_split(instance, "question.tex.j2", "question"),
        solution=_split(instance, SOLUTION_TEMPLATE, "solutions"),
        parts=parts,
    )


def variant_model(variant: Variant) -> VariantModel:
    """Every question of ``variant`` in printed order."""
    questions = tuple(question_model(instance, number) for number, instance in variant.ordered())
    return VariantModel(id=variant.id, student=variant.student, questions=questions)
