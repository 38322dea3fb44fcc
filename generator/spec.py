"""Exam specs: the YAML an instructor writes to describe an exam.

Example::

    title: Exam test
    course: VIR 2019
    date: 2019-06-12
    instructions: No calculators. Show your work.
    seed: 2019
    variants: 4
    shuffle_questions: false
    follow_through: 1.0        # fraction of a part's points for follow-through (exam default)
    questions:
      - family: backprop_sin
        points: 10             # total (part points scaled, quarter points, largest remainder)
                               # or a mapping {a: 2, b: 3}
        source: false          # true: the source exam's own numbers in every variant
        parts: [a, b, d]       # ask only these parts (default: all)
        params:
          lr: 1/2              # a fixed value, read exactly
          n: {min: 3, max: 5}  # a range the drawn value must lie in
          loss: {choices: [l2, logistic]}

Every problem is reported with the file and the place in it (``questions[2].params.n``).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sympy
import yaml

from generator.errors import DlexamError
from generator.family import Family
from generator.points import apportion
from generator.registry import Registry
from generator.text_engine import engine_for

SPEC_DIR = Path(__file__).resolve().parent / "specs"
DEFAULT_SPEC = SPEC_DIR / "vir2019.yaml"
TOP_LEVEL_KEYS = {
    "title",
    "course",
    "date",
    "instructions",
    "seed",
    "variants",
    "shuffle_questions",
    "follow_through",
    "questions",
    "slug",
}
QUESTION_KEYS = {"family", "points", "source", "params", "title", "parts"}


@dataclass(frozen=True)
class ParamRule:
    """A constraint on one parameter from the spec: a range or a set of choices."""

    low: sympy.Expr | None = None
    high: sympy.Expr | None = None
    choices: tuple[Any, ...] = ()

    def admits(self, value: Any) -> bool:
        if self.choices:
            return any(value == c for c in self.choices)
        number = sympy.sympify(value)
        return (self.low is None or bool(number >= self.low)) and (
            self.high is None or bool(number <= self.high)
        )


@dataclass(frozen=True)
class QuestionSpec:
    position: int
    family: Family
    points: float | dict[str, float] | None
    source: bool
    fixed: dict[str, Any]
    rules: dict[str, ParamRule]
    title: str | None = None
    parts: tuple[str, ...] | None = None

    def part_points(self) -> dict[str, float]:
        """Points of the asked parts after the spec's override (a total scales them)."""
        base = {
            p.id: p.points for p in self.family.parts if self.parts is None or p.id in self.parts
        }
        if self.points is None:
            return base
        if isinstance(self.points, dict):
            return {**base, **self.points}
        return apportion(base, self.points)


@dataclass(frozen=True)
class ExamSpec:
    title: str
    course: str
    date: str
    instructions: str
    seed: int
    variants: int
    shuffle_questions: bool
    follow_through: float
    questions: tuple[QuestionSpec, ...]
    path: Path | None = None
    slug: str = field(default="")
    kind: str = "exam"  # or "practice": a sheet for self-study (no names, no variant codes)
    # One page numbering through the whole document and no blank pages between its sections: a
    # practice sheet with its solutions in the same PDF, whose solutions page the CLI names.
    continuous_pages: bool = False

    @property
    def engine(self) -> str:
        """``pdflatex``, or ``lualatex`` when the texts above need another script
        (:mod:`generator.text_engine`)."""
        return engine_for((self.title, self.course, self.date, self.instructions))


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "exam"


def _mapping(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise DlexamError("expected a mapping (key: value lines)", where=where)
    return value


def _unknown_keys(raw: dict[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(set(raw) - allowed)
    if unknown:
        raise DlexamError(
            f"unknown field(s) {', '.join(unknown)}",
            where=where,
            hint=f"allowed: {', '.join(sorted(allowed))}",
        )


def _question(raw: Any, position: int, registry: Registry, where: str) -> QuestionSpec:
    place = f"{where}: questions[{position - 1}]"
    raw = _mapping(raw, place)
    _unknown_keys(raw, QUESTION_KEYS, place)
    if "family" not in raw:
        raise DlexamError("missing 'family'", where=place)
    try:
        family = registry.get(str(raw["family"]))
    except DlexamError as error:
        raise DlexamError(error.message, where=f"{place}.family", hint=error.hint) from None
    fixed: dict[str, Any] = {}
    rules: dict[str, ParamRule] = {}
    for name, value in _mapping(raw.get("params") or {}, f"{place}.params").items():
        param_place = f"{place}.params.{name}"
        try:
            param = family.param(str(name))
            if isinstance(value, dict):
                _unknown_keys(value, {"min", "max", "choices"}, param_place)
                rules[name] = ParamRule(
                    low=param.coerce(str(value["min"])) if "min" in value else None,
                    high=param.coerce(str(value["max"])) if "max" in value else None,
                    choices=tuple(param.coerce(str(c)) for c in value.get("choices", ())),
                )
            else:
                fixed[name] = param.coerce(str(value) if not isinstance(value, list) else value)
        except DlexamError as error:
            raise DlexamError(error.message, where=param_place, hint=error.hint) from None
    part_ids = [p.id for p in family.parts]
    parts = raw.get("parts")
    if parts is not None:
        if not isinstance(parts, list) or not parts:
            raise DlexamError("expected a non-empty list of part ids", where=f"{place}.parts")
        parts = tuple(str(p) for p in parts)
        unknown_parts = sorted(set(parts) - set(part_ids))
        if unknown_parts:
            raise DlexamError(
                f"no such part(s) {unknown_parts}",
                where=f"{place}.parts",
                hint=f"{family.id} has parts {', '.join(part_ids)}",
            )
    points = raw.get("points")
    if isinstance(points, dict):
        unknown = set(points) - set(parts or part_ids)
        if unknown:
            raise DlexamError(f"no such part(s) {sorted(unknown)}", where=f"{place}.points")
        if any(not isinstance(v, int | float) or v <= 0 for v in points.values()):
            raise DlexamError("every part's points must be positive", where=f"{place}.points")
        points = {str(k): float(v) for k, v in points.items()}
    elif points is not None:
        if not isinstance(points, int | float) or points <= 0:
            raise DlexamError("points must be a positive number", where=f"{place}.points")
        points = float(points)
    if isinstance(points, float):
        try:
            apportion({p: 1.0 for p in parts or part_ids}, points)
        except DlexamError as error:
            raise DlexamError(error.message, where=f"{place}.points") from None
    if raw.get("source") and (fixed or rules):
        raise DlexamError("'source: true' cannot be combined with params", where=place)
    return QuestionSpec(
        position=position,
        family=family,
        points=points,
        source=bool(raw.get("source", False)),
        fixed=fixed,
        rules=rules,
        title=raw.get("title"),
        parts=parts,
    )


def load_spec(path: Path, registry: Registry) -> ExamSpec:
    """Read and validate a spec file; the first problem found is raised with its place."""
    where = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise DlexamError(f"cannot read the spec: {error.strerror}", where=where) from None
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise DlexamError(f"not valid YAML: {error}", where=where) from None
    raw = _mapping(raw, where)
    _unknown_keys(raw, TOP_LEVEL_KEYS, where)
    for key in ("title", "questions"):
        if key not in raw:
            raise DlexamError(f"missing required field {key!r}", where=where)
    questions = raw["questions"]
    if not isinstance(questions, list) or not questions:
        raise DlexamError("'questions' must be a non-empty list", where=where)
    variants = raw.get("variants", 1)
    if not isinstance(variants, int) or not 1 <= variants <= 10000:
        raise DlexamError("'variants' must be an integer from 1 to 10000", where=where)
    seed = raw.get("seed", 0)
    if not isinstance(seed, int) or seed < 0:
        raise DlexamError("'seed' must be a non-negative integer", where=where)
    date = raw.get("date", "")
    if isinstance(date, datetime.date):
        date = date.isoformat()
    follow_through = raw.get("follow_through", 1.0)
    if not isinstance(follow_through, int | float) or not 0 <= follow_through <= 1:
        raise DlexamError("'follow_through' must be a fraction from 0 to 1", where=where)
    title = str(raw["title"])
    return ExamSpec(
        title=title,
        course=str(raw.get("course", "")),
        date=str(date),
        instructions=str(raw.get("instructions", "")).strip(),
        seed=seed,
        variants=variants,
        shuffle_questions=bool(raw.get("shuffle_questions", False)),
        follow_through=float(follow_through),
        questions=tuple(_question(q, i + 1, registry, where) for i, q in enumerate(questions)),
        path=path,
        slug=str(raw.get("slug") or slugify(f"{raw.get('course', '')} {title}")),
    )
