"""What an LMS needs of a solved exam: per question, its variants; per part, the blanks a student
fills in, each with its key, accepted width and points.

Every target (Moodle Cloze, QTI 2.1, Canvas QTI 1.2) renders this one model, so the three files
agree on what is asked and how it is scored. Keys, tolerances, points and option texts come from
the ``keys.json`` document of the exam (:func:`generator.keys.exam_keys`), the only description
``dlexam grade`` uses too; the sympy values of the instances give what the JSON flattens away
(which ends of an interval are open).

A part becomes a row of *pieces*: fixed text, blanks and row breaks. A number is one
:class:`NumberBlank`; a vector or matrix one per entry; a shape one per dimension; an interval
its two ends plus a bracket choice per finite end; choice and multi parts one
:class:`ChoiceBlank`. Parts no LMS can score the way ``dlexam grade`` does (graded by hand,
expressions compared by equivalence, designs checked against constraints) become a
:class:`ManualBlank` that says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy

from generator import formatting
from generator.formatting import Shape
from generator.keys import exam_keys
from generator.outputs.figures import FigureCache
from generator.outputs.html import QuestionHtml, render_variants_html
from generator.tolerance import entry_tolerance, half_width
from generator.variants import Exam

EXACT = {"mode": "exact"}
PARAGRAPH = re.compile(r"^<p>(.*)</p>$", re.DOTALL)
INFINITY = ("oo", "inf", "∞")  # how generator.mathtext reads infinity
OPEN_BRACKETS = ("(", "[")
CLOSE_BRACKETS = (")", "]")
MANUAL_REASONS = {
    "manual": "",
    "expression": "an expression, which dlexam grade compares by equivalence",
    "constraint": "a design, which dlexam grade checks against the constraints",
}


@dataclass(frozen=True)
class NumberBlank:
    """A number typed by the student: accepted when ``|answer - key| <= width``."""

    key: float
    width: float
    tolerance: dict[str, Any]
    points: Fraction
    alternatives: tuple[tuple[float, float, str], ...] = ()  # (value, fraction of points, why)


@dataclass(frozen=True)
class ChoiceBlank:
    """Options in the exam's order (HTML), the indices of the right ones, and the rule."""

    options: tuple[str, ...]
    correct: frozenset[int]
    multi: bool
    scoring: str
    points: Fraction


@dataclass(frozen=True)
class ManualBlank:
    """A part the target cannot score: points are entered by hand (the key is in the worked
    solution)."""

    reason: str
    points: Fraction


@dataclass(frozen=True)
class TextBlank:
    """A text typed by the student, right when it is one of ``answers`` (case ignored)."""

    answers: tuple[str, ...]
    points: Fraction


Blank = NumberBlank | ChoiceBlank | TextBlank | ManualBlank


class RowBreak:
    """A new row of blanks (the next row of a matrix)."""


ROW = RowBreak()
Piece = str | Blank | RowBreak


@dataclass
class ExportPart:
    label: str  # as printed in this variant (3b); a shuffled exam prints questions in other order
    part_id: str  # the family's part (b), the same in every variant of the question
    points: float
    unit: str
    pieces: list[Piece]

    @property
    def blanks(self) -> list[Blank]:
        return [
            p
            for p in self.pieces
            if isinstance(p, NumberBlank | ChoiceBlank | TextBlank | ManualBlank)
        ]


@dataclass
class ExportVariant:
    """One exam question as one variant asks it."""

    variant: str
    family: str
    title: str
    parts: list[ExportPart]
    html: QuestionHtml

    def flow(self) -> list[tuple[ExportPart | None, str]]:
        """The question in the template's order: ``(None, prose)`` or ``(part, its text)``;
        a part the template shows nowhere is put at the end, so no blank is lost."""
        by_id = {part.label: part for part in self.parts}
        labels = {p.id: p.label for p in self.html.parts}
        flow = [
            (None if part_id is None else by_id[labels[part_id]], text)
            for part_id, text in self.html.question
            if part_id is None or part_id in labels
        ]
        shown = {part.label for part, _ in flow if part is not None}
        return flow + [(part, "") for part in self.parts if part.label not in shown]

    def solution(self) -> str:
        """The worked solution as HTML, each part's block headed by its label, key and rubric."""
        labels = {p.id: p for p in self.html.parts}
        pieces = []
        for part_id, text in self.html.solution:
            if part_id is None or part_id not in labels:
                pieces.append(text)
                continue
            part = labels[part_id]
            key = (
                f"<p><strong>({part.label})</strong> Key: {part.key}</p>"
                if part.key
                else (f"<p><strong>({part.label})</strong></p>")
            )
            rubric = (
                f'<div class="dlexam-rubric"><em>Rubric:</em> {part.rubric}</div>'
                if (part.rubric)
                else ""
            )
            pieces.append(key + text + rubric)
        return "\n".join(pieces)

    @property
    def points(self) -> float:
        return sum(p.points for p in self.parts)


@dataclass
class ExportQuestion:
    """An exam question (by its position in the spec) and its variants: an LMS random pick."""

    position: int
    title: str
    variants: list[ExportVariant]


@dataclass
class ExportExam:
    title: str
    slug: str
    keys: dict[str, Any]
    questions: list[ExportQuestion]


def export_exam(exam: Exam, figures: FigureCache | None = None) -> ExportExam:
    """The model of every question and variant, in the spec's question order, with the HTML of
    every question and worked solution (math as ``\\( … \\)`` for MathJax, which Moodle and
    Canvas render; figures as SVG data URIs that each target turns into files)."""
    keys = exam_keys(exam)
    pages = render_variants_html(exam.variants, math="mathjax", figures=figures)
    by_position: dict[int, list[ExportVariant]] = {q.position: [] for q in exam.spec.questions}
    for variant, variant_keys, page in zip(exam.variants, keys["variants"], pages, strict=True):
        for (_, instance), question, html in zip(
            variant.ordered(), variant_keys["questions"], page.questions, strict=True
        ):
            parts = [
                export_part(raw, instance.values.get(part.answer), html.part(part.id).options)
                for part, raw in zip(instance.parts, question["parts"], strict=True)
            ]
            by_position[instance.position].append(
                ExportVariant(variant.id, instance.family.id, instance.family.title, parts, html)
            )
    questions = [
        ExportQuestion(q.position, q.title or q.family.title, by_position[q.position])
        for q in exam.spec.questions
    ]
    return ExportExam(exam.spec.title, exam.spec.slug, keys, questions)


def _entry_tolerance(tolerance: dict[str, Any], entries: list[Any]) -> dict[str, Any]:
    """The grader's tolerance for each entry of this key (a floor set by the largest entry)."""
    return entry_tolerance(tolerance, [float(sympy.sympify(v)) for v in entries])


def export_part(raw: dict[str, Any], value: Any, options: tuple[str, ...] = ()) -> ExportPart:
    """One part from its keys.json entry, its solution value and (choice parts) option HTML."""
    kind = str(raw["kind"])
    points = Fraction(raw["points"]).limit_denominator(1000)
    part = ExportPart(str(raw["id"]), str(raw["part"]), raw["points"], raw["unit"], [])
    tolerance = raw["tolerance"] or EXACT
    if kind in MANUAL_REASONS:
        part.pieces = [ManualBlank(MANUAL_REASONS[kind], points)]
    elif kind in ("integer", "number"):
        alternatives = tuple(
            (float(a["value"]), a["points"] / raw["points"], a["reason"])
            for a in raw["alternatives"]
            if isinstance(a["value"], int | float)
        )
        part.pieces = [_number(value, tolerance, points, alternatives)]
    elif kind == "vector":
        share = points / len(value)
        each = _entry_tolerance(tolerance, value)
        part.pieces = ["[", *_joined([_number(v, each, share) for v in value], ", "), "]"]
    elif kind == "matrix":
        rows = value
        share = points / sum(len(row) for row in rows)
        each = _entry_tolerance(tolerance, [v for row in rows for v in row])
        part.pieces = []
        for index, row in enumerate(rows):
            part.pieces += [ROW] if index else []
            part.pieces += _joined([_number(v, each, share) for v in row], "  ")
    elif kind == "shape":
        dims = value.dims if isinstance(value, Shape) else tuple(raw["value"])
        share = points / len(dims)
        part.pieces = _joined([_number(d, EXACT, share) for d in dims], " × ")
    elif kind in ("interval", "set"):
        part.pieces = _set_pieces(value, tolerance, points)
    else:  # choice, multi
        part.pieces = [_choice(raw, kind, points, options)]
    return part


def _number(
    value: Any, tolerance: dict[str, Any], points: Fraction, alternatives: tuple[Any, ...] = ()
) -> NumberBlank | TextBlank:
    """A number blank keyed by the decimal keys.json holds (``formatting.number``); an infinite
    key, which no LMS number field takes, is a text blank accepting what the grader reads as
    infinity."""
    key = formatting.number(value)
    if key is None:
        sign = "-" if sympy.sympify(value).is_negative else ""
        return TextBlank(tuple(sign + word for word in INFINITY), points)
    decimal = float(key)  # type: ignore[arg-type]  # a scalar value gives a scalar number
    return NumberBlank(
        decimal, half_width(decimal, tolerance), dict(tolerance), points, alternatives
    )


def _joined(blanks: list[Any], separator: str) -> list[Piece]:
    pieces: list[Piece] = []
    for index, blank in enumerate(blanks):
        pieces += [separator, blank] if index else [blank]
    return pieces


def _choice(
    raw: dict[str, Any], kind: str, points: Fraction, options: tuple[str, ...]
) -> ChoiceBlank:
    labels = [str(o["label"]) for o in raw["options"]]
    chosen = {label.strip().upper() for label in str(raw["exact"]).split(",") if label.strip()}
    unknown = chosen - set(labels)
    if unknown:
        raise ValueError(f"part {raw['id']}: key {raw['exact']!r} names no option {unknown}")
    return ChoiceBlank(
        options=_inline(options),
        correct=frozenset(labels.index(label) for label in chosen),
        multi=kind == "multi",
        scoring=str(raw.get("scoring", "all-or-nothing")),
        points=points,
    )


def _set_pieces(value: sympy.Set, tolerance: dict[str, Any], points: Fraction) -> list[Piece]:
    """Each piece of the set as ``(lo, hi]`` with a bracket choice per finite end and a number
    blank per finite end; infinite ends are printed. Points are shared by the scored blanks."""
    intervals = _intervals(value)
    scored = sum(2 * (end is not None) for lo, hi, *_ in intervals for end in (lo, hi))
    share = points / max(1, scored)
    pieces: list[Piece] = []
    for index, (lo, hi, lo_open, hi_open) in enumerate(intervals):
        pieces += [" ∪ "] if index else []
        if lo is None:
            pieces += ["(−∞"]
        else:
            pieces += [_bracket(OPEN_BRACKETS, lo_open, share), _number(lo, tolerance, share)]
        pieces += [", "]
        if hi is None:
            pieces += ["∞)"]
        else:
            pieces += [_number(hi, tolerance, share), _bracket(CLOSE_BRACKETS, hi_open, share)]
    return pieces


def _bracket(brackets: tuple[str, str], is_open: bool, points: Fraction) -> ChoiceBlank:
    return ChoiceBlank(brackets, frozenset({0 if is_open else 1}), False, "all-or-nothing", points)


def _intervals(value: sympy.Set) -> list[tuple[float | None, float | None, bool, bool]]:
    """(lo, hi, lo open, hi open) per disjoint piece, ``None`` for an infinite end, sorted."""
    if isinstance(value, sympy.Union):
        items = [piece for arg in value.args for piece in _intervals(arg)]
    elif isinstance(value, sympy.Interval):
        items = [
            (_end(value.start), _end(value.end), bool(value.left_open), bool(value.right_open))
        ]
    elif isinstance(value, sympy.FiniteSet):
        items = [(float(p), float(p), False, False) for p in value]
    elif value is sympy.S.EmptySet:
        items = []
    else:
        raise TypeError(f"cannot export the set {value!r}")
    return sorted(items, key=lambda i: -float("inf") if i[0] is None else i[0])


def _end(value: sympy.Expr) -> float | None:
    return None if value in (sympy.oo, -sympy.oo) else float(value)


def _inline(options: tuple[str, ...]) -> tuple[str, ...]:
    """Option HTML without its paragraph wrapper: options sit in radio-button labels."""
    return tuple(PARAGRAPH.sub(r"\\1", option.strip()) for option in options)
