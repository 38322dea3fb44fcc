"""Grading one answer to one part: the grader's core, independent of CSV files.

:func:`grade_part` takes a part's key (:class:`KeyPart`, read once from ``keys.json``), the
answer text and a :class:`Context` (the question, and the student's results on earlier parts for
follow-through) and returns a :class:`PartResult`: status, points, the answer as read, the
expected answer and why. ``dlexam grade`` calls it for every cell; an interactive practice check
can call it for one typed answer.

Order of the checks: blank; read (unreadable -> ``invalid``); the key (``correct`` or
``within-tolerance``); the accepted alternatives (``alternative``, their own points); and when the
answer is still not fully right and the part depends on earlier parts, the key recomputed from the
student's own earlier answers (``follow-through``, the key's ``follow_through`` fraction of the
points). Constraint parts are checked by the family's check function; manual parts are left to
the instructor.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any

from generator import formatting
from generator.errors import DlexamError, MathTextError
from generator.family import Family
from generator.mathtext import array_shape
from generator.registry import Registry, default_registry
from grader import compare
from grader.compare import Verdict
from grader.reading import (
    BOOLEAN_KEYS,
    KindInfo,
    Num,
    Reading,
    choices_text,
    from_value,
    read_answer,
    scaled,
    to_solution_value,
    typed_answer,
)
from grader.units import Unit, counted_noun

LONG_EXACT = 40  # characters of exact key beyond which feedback shows only the decimal
STATUSES = (
    "correct",
    "within-tolerance",
    "alternative",
    "follow-through",
    "partial",
    "wrong",
    "invalid",
    "blank",
    "manual",
)
WHOLE_NUMBER_RULE = (
    "in a whole-number answer a comma before exactly three digits separates thousands, "
    "1,576 = 1576, and so do dots that cannot be a decimal point, 6.055 = 6055; any other "
    "comma is a decimal comma"
)
SPREADSHEET_DATE = (
    "it is a date, which a spreadsheet makes of a fraction typed into it (1/2 becomes 2-Jan "
    "or 01. Feb); type fractions as decimals, or format the column as text first"
)
_MONTH = r"(?:jan|feb|m[aä]r|apr|ma[iy]|jun|jul|aug|sep|o[ck]t|nov|de[cz]|j[aä]n)[a-zä]*\.?"
# 1.2·10−3: a power of ten whose exponent lost its superscript (copied from a PDF or a slide);
# read literally it is 1.2·10 − 3 = 9, which nobody means
_LOST_EXPONENT = re.compile(r"[+\-−]?\d+(?:[.,]\d+)?\s*[·×x⋅\s]\s*10\s*[-−–]\s*\d+")
LOST_EXPONENT = (
    "a power of ten needs its ^: write 1.2·10^-3 (or 1.2e-3), not 1.2·10-3, which is 1.2·10 - 3"
)
_SPREADSHEET_DATE = re.compile(
    rf"\d{{1,2}}\.?[\s\-/]*{_MONTH}(?:[\s\-/]*\d{{2,4}})?|{_MONTH}[\s\-/]*\d{{1,4}}",
    re.IGNORECASE,
)
NUMERIC_KINDS = ("integer", "number", "vector", "matrix")
CACHE_LIMIT = 20000  # distinct answer texts remembered per part (a class repeats answers)


@dataclass(frozen=True)
class PartResult:
    """The grade of one answer; ``value`` is the answer as read, for follow-through."""

    label: str
    status: str
    points: float
    max_points: float
    answer: str
    expected: str
    reason: str
    value: Any = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Alternative:
    value: Any
    exact: str
    points: float
    reason: str


def _fractions(value: Any) -> Any:
    """keys.json numbers (floats, nested lists) as exact fractions of those floats."""
    if isinstance(value, list):
        return [_fractions(v) for v in value]
    return Fraction(value)


class KeyPart:
    """One part of ``keys.json`` with its key and alternatives read once, by the answer rules."""

    def __init__(self, raw: Mapping[str, Any]):
        self.raw = raw
        self.label = str(raw["id"])
        self.part_id = str(raw.get("part", self.label))
        self.kind = str(raw["kind"])
        self.points = float(raw["points"])
        self.quantity = str(raw.get("quantity", ""))
        self.prompt = str(raw.get("prompt", ""))
        self.tolerance = dict(raw.get("tolerance") or compare.DEFAULT_TOLERANCE)
        self.depends = tuple(raw.get("depends", ()))
        self.follow_through = float(raw.get("follow_through", 1.0))
        self.follows_earlier = bool(self.depends) and self.follow_through > 0
        self.symbols = tuple(raw.get("symbols", ()))
        self.domains = dict(raw.get("domains") or {})
        self.universe = (
            compare.set_universe(self.domains) if self.kind in ("interval", "set") else None
        )
        self.scoring = str(raw.get("scoring", "all-or-nothing"))
        labels = tuple(str(o["label"]) for o in raw.get("options", ()))
        exact = raw.get("exact")
        boolean = self.kind == "choice" and str(exact).strip().lower() in BOOLEAN_KEYS
        self.info = KindInfo(self.kind, self.symbols, None, labels, boolean)
        unit = raw.get("unit") or ""
        self.unit = Unit.of(unit, bool(raw.get("unit_multiples")))
        self.expected = "" if exact is None else f"{exact} {unit}".strip()
        self.key: Any = None
        rounded = bool(raw.get("rounded"))
        if exact is not None and self.kind not in ("manual", "constraint"):
            self.key = self._graded_key(raw, rounded)
            shape = array_shape(self.key) if self.kind in ("vector", "matrix") else None
            self.info = KindInfo(self.kind, self.symbols, shape, labels, boolean)
            long = len(str(exact)) > LONG_EXACT  # a 40-digit float or 2 000 characters help nobody
            decimal = None if rounded else _decimal_text(self.key, long)  # a decimal shows itself
            if decimal and long:
                self.expected = f"≈ {decimal} {unit}".strip()
            elif decimal:
                self.expected += f" ≈ {decimal}"
        if self.kind == "constraint" and exact is not None:
            self.expected = f"any design meeting the constraints, e.g. {exact}"
        self.alternatives = tuple(
            Alternative(self._graded_key(a, rounded), str(a["exact"]), a["points"], a["reason"])
            for a in raw.get("alternatives", ())
            if self.kind not in ("manual", "constraint")
        )
        self.cache: dict[str, PartResult] = {}

    def _graded_key(self, entry: Mapping[str, Any], rounded: bool) -> Any:
        """What a key is graded against: its exact form, or, for a decimal key (``rounded`` in
        keys.json: written to its stated precision for people), its full value, as exports use
        it, so the rounding of the printed key never moves or widens the tolerance window.

        A numeric key whose exact form is beyond what an answer may be (2 526 characters of
        nested exponentials for one Adam step of ``optimizer_steps``) is graded against its value
        too: the limits keep hostile answers cheap and must not make an exam ungradable."""
        if rounded:
            return from_value(self.kind, _fractions(entry["value"]))
        try:
            return self._read_key(str(entry["exact"]))
        except DlexamError:
            if self.kind not in NUMERIC_KINDS or entry.get("value") is None:
                raise
            return from_value(self.kind, _fractions(entry["value"]))

    def may_follow_through(self, result: PartResult) -> bool:
        """Whether a result short of full points may still earn follow-through points."""
        return self.follows_earlier and result.points < self.points and result.value is not None

    def _read_key(self, exact: str) -> Any:
        try:
            return read_answer(exact, self.info).value
        except MathTextError as error:
            raise DlexamError(
                f"cannot read the key {exact!r} as a {self.kind} answer: {error}",
                where=f"keys.json part {self.label}",
            ) from None

    def verdict(self, answer: Any, key: Any) -> Verdict:
        """Compare a reading with a key value (the key, an alternative or a recomputed key)."""
        kind = self.kind
        if kind == "integer" and isinstance(answer, Num) and not _whole(answer):
            rule = f" ({WHOLE_NUMBER_RULE})" if "." in str(answer) else ""
            why = f"{answer} is not a whole number{rule}"
            return Verdict(0.0, reason=why)
        if kind in ("integer", "number"):
            return compare.compare_number(answer, key, self.tolerance)
        if kind in ("vector", "matrix"):
            partial = self.scoring == "partial"
            return compare.compare_array(answer, key, self.tolerance, partial)
        if kind == "shape":
            return compare.compare_shape(answer, key)
        if kind in ("interval", "set"):
            return compare.compare_set(answer, key, self.tolerance, self.universe)
        if kind == "expression":
            return compare.compare_expression(answer, key, self.symbols, self.domains)
        return compare.compare_choices(
            answer, key, kind, self.scoring, len(self.info.labels) or len(key)
        )

    def result(
        self, status: str, points: float, reading: Reading | None, reason: str
    ) -> PartResult:
        return PartResult(
            label=self.label,
            status=status,
            points=round(points, 6),
            max_points=self.points,
            answer="" if reading is None else reading.shown,
            expected=self.expected,
            reason=reason,
            value=None if reading is None else reading.value,
        )


def _whole(number: Num) -> bool:
    if isinstance(number.exact, Fraction):
        return number.exact.denominator == 1
    return bool(number.exact.is_integer)


def _decimal_text(key: Any, always: bool = False) -> str:
    """``0.1269`` next to ``log(exp(-2) + 1)``: students compare decimals, not closed forms
    (a fraction shows none, unless ``always``: in place of a key too long to read)."""
    items = _flatten_numbers(key)
    if not items or (not always and all(isinstance(n.exact, Fraction) for n in items)):
        return ""
    text = ", ".join(f"{n.approx:.4g}" for n in items)
    return f"[{text}]" if isinstance(key, list) else text


def _flatten_numbers(value: Any) -> list[Num]:
    if isinstance(value, Num):
        return [value]
    if isinstance(value, list):
        return [n for item in value for n in _flatten_numbers(item)]
    return []


class QuestionInfo:
    """One question of one variant: its parts' keys and, loaded on first need, its family.

    The family is needed only for follow-through and constraint parts; when it is missing from
    the registry those checks report why instead of failing the whole grading run.
    """

    def __init__(self, question: Mapping[str, Any], registry: Registry | None = None):
        self.question = question
        self.parts = {str(p["id"]): KeyPart(p) for p in question["parts"]}
        self._registry = registry
        self._loaded = False
        self._family: Family | None = None
        self._params: dict[str, Any] = {}
        self.unavailable = ""
        self._recomputed: dict[tuple[str, tuple[tuple[str, str], ...]], Any] = {}

    def _load(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        name = str(self.question.get("family", "?"))
        try:
            registry = self._registry or default_registry()
            self._family = registry.get(name)
            self._params = self._family.coerce(self.question.get("params", {}))
        except Exception as error:  # a missing or changed family must not stop the grading
            self._family = None
            self.unavailable = f"family {name} is not available ({error})"

    @property
    def family(self) -> Family | None:
        self._load()
        return self._family

    @property
    def params(self) -> dict[str, Any]:
        self._load()
        return self._params

    def recompute(self, quantity: str, given: Mapping[str, Any]) -> Any:
        """The key of ``quantity`` with earlier quantities replaced by a student's values."""
        family = self.family
        assert family is not None
        signature = (
            quantity,
            tuple(sorted((k, formatting.exact_string(v)) for k, v in given.items())),
        )
        if signature not in self._recomputed:
            values = family.solve(self.params, given, wanted=[quantity])
            self._recomputed[signature] = values[quantity]
        return self._recomputed[signature]


@dataclass
class Context:
    """What grading a part may need besides its key: the question and earlier parts' results."""

    question: QuestionInfo | None = None
    earlier: dict[str, PartResult] = field(default_factory=dict)


def grade_part(key: KeyPart, text: str | None, context: Context | None = None) -> PartResult:
    """Grade one answer; never raises on any answer text."""
    text = text or ""
    if key.kind == "manual":
        return key.result("manual", 0.0, None, "graded by hand")
    if not text.strip():
        return key.result("blank", 0.0, None, "no answer")
    if key.kind == "constraint":
        return _grade_constraint(key, text, context)
    result = key.cache.get(text)
    if result is None:
        result = _grade_against_key(key, text)
        if len(key.cache) < CACHE_LIMIT:
            key.cache[text] = result
    if key.may_follow_through(result) and context is not None and context.question is not None:
        result = _follow_through(key, result, context)
    return result


# An answer text is read once per kind of part, whatever variant's key it is compared with.
_read_once = functools.lru_cache(maxsize=CACHE_LIMIT)(read_answer)


def _read(key: KeyPart, text: str, typed: str | None = None) -> Reading | PartResult:
    """The answer as read (``typed``: the text without what is typed around it, if known), or
    the ``invalid`` result saying why it cannot be read."""
    typed = typed_answer(text, key.kind) if typed is None else typed
    try:
        if _SPREADSHEET_DATE.fullmatch(typed):
            raise MathTextError(SPREADSHEET_DATE)
        if key.kind in ("number", "integer") and _LOST_EXPONENT.fullmatch(typed.strip()):
            raise MathTextError(LOST_EXPONENT)
        if key.unit is None:
            reading = _read_counted(key, typed)
        else:
            number, factor = key.unit.split(typed, key.symbols)
            # ``1.024 kB`` or ``1,5 KiB`` is a decimal even where the count is whole
            info = key.info if factor == 1 else replace(key.info, kind="number")
            reading = scaled(_read_once(number, info), factor, key.unit.name)
        return reading.written()  # shown back in feedback: one that cannot be is unreadable
    except MathTextError as error:
        reason = f"cannot read the answer: {error}"
    except (ArithmeticError, ValueError, TypeError, RecursionError) as error:
        reason = f"cannot read the answer ({type(error).__name__})"
    reason += _format_hint(key)
    invalid = key.result("invalid", 0.0, None, reason)
    return replace(invalid, answer=_clip(text))


def _format_hint(key: KeyPart) -> str:
    """What an unreadable answer should look like; an expression's in the part's own names."""
    if key.kind == "expression" and key.symbols:
        names = ", ".join(key.symbols)
        return f" (write it in {names} like 2*{key.symbols[0]} - 1)"
    example = "yes" if key.info.boolean else formatting.ANSWER_EXAMPLES.get(key.kind)
    return f" (write it like {example})" if example and key.kind != "constraint" else ""


def _read_counted(key: KeyPart, text: str) -> Reading:
    """An answer to a part without a unit; a count may name what it counts (``6055 parameters``:
    the word is shown back, not graded)."""
    try:
        return _read_once(text, key.info)
    except MathTextError:
        counts = ("integer", "number", "shape")
        counted = counted_noun(text, key.symbols) if key.kind in counts else None
        if counted is None:
            raise
        reading = _read_once(counted[0], key.info)
        return replace(reading, suffix=f" {counted[1]}")


def _clip(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _grade_against_key(key: KeyPart, text: str) -> PartResult:
    typed = typed_answer(text, key.kind)
    if not typed:  # ="", a lone ' or a zero-width space
        return key.result("blank", 0.0, None, "no answer")
    reading = _read(key, text, typed)
    if isinstance(reading, PartResult):
        return reading
    try:
        verdict = key.verdict(reading.value, key.key)
        matches = [(alt, key.verdict(reading.value, alt.value)) for alt in key.alternatives]
    except (ArithmeticError, ValueError, TypeError, RecursionError) as error:
        return key.result("invalid", 0.0, reading, f"cannot compare the answer ({error})")
    if verdict.full:
        if verdict.exact:
            return key.result("correct", key.points, reading, verdict.reason or "matches the key")
        why = f"within the tolerance ({formatting.tolerance_text(key.tolerance)}) of the key"
        return key.result("within-tolerance", key.points, reading, why)
    accepted = [(alt, v) for alt, v in matches if v.full]
    if accepted:
        alt = max(accepted, key=lambda item: item[0].points)[0]
        why = f"accepted alternative {alt.exact}: {alt.reason}"
        return key.result("alternative", alt.points, reading, why)
    if verdict.fraction > 0:
        return key.result("partial", key.points * verdict.fraction, reading, verdict.reason)
    why = verdict.reason or "does not match the key"
    return key.result("wrong", key.points * verdict.fraction, reading, why)


def _follow_through(key: KeyPart, result: PartResult, context: Context) -> PartResult:
    """Full (or the configured fraction of) points when right from the student's own answers.

    Earlier answers are decimals rounded as the exam asks, so the key is recomputed at the
    student's values and again with each rounded value moved by half a unit of its last digit;
    an answer within the tolerance of any value in that range earns the follow-through points
    (``1b = 1.71`` stands for 1.705..1.715, and ``(1b - 1)^2`` for 0.497..0.511).
    """
    question = context.question
    assert question is not None
    given: dict[str, Any] = {}
    used: list[str] = []
    for label in key.depends:
        earlier, earlier_key = context.earlier.get(label), question.parts.get(label)
        if earlier is None or earlier_key is None or earlier.value is None:
            continue
        if earlier.status == "correct":
            continue
        given[earlier_key.quantity] = earlier.value
        used.append(label)
    if not given:
        return result
    if question.family is None:
        return replace(
            result, reason=f"{result.reason}; follow-through not checked: {question.unavailable}"
        )
    try:
        recomputed = _recomputed(key, question, given)
        verdict = key.verdict(result.value, recomputed)
        if not verdict.full and _rounded_entries(given):  # only then is the spread needed
            recomputed = _with_rounding(key, question, given, recomputed)
            verdict = key.verdict(result.value, recomputed)
    except Exception as error:  # the family's own code on a student's values (1/0, a bad shape)
        why = f"follow-through not checked: your answers to {', '.join(used)} give no key here"
        return replace(result, reason=f"{result.reason}; {why} ({type(error).__name__})")
    expected = f"your answer(s) to {', '.join(used)} give {_spread_text(recomputed)}"
    points = round(key.points * key.follow_through, 6)
    if not verdict.full or points <= result.points:
        return replace(result, reason=f"{result.reason}; follow-through tried: {expected}")
    why = f"wrong against the key, but right from your own earlier answers: {expected}"
    return replace(result, status="follow-through", points=points, reason=why)


def _recomputed(key: KeyPart, question: QuestionInfo, given: Mapping[str, Any]) -> Any:
    """The key recomputed from the student's earlier readings, read like an answer."""
    kinds = {question.parts[label].quantity: question.parts[label].kind for label in key.depends}
    inputs = {name: to_solution_value(kinds[name], value) for name, value in given.items()}
    return from_value(key.kind, question.recompute(key.quantity, inputs))


def _with_rounding(key: KeyPart, question: QuestionInfo, given: dict[str, Any], center: Any) -> Any:
    """``center`` with each number carrying the spread that the rounding of the earlier
    readings allows (first order: one half-unit move at a time, both ways)."""
    near = _flatten_numbers(center)
    spread = [0.0] * len(near)
    for name, path, half in _rounded_entries(given):
        for step in (half, -half):
            moved = {**given, name: _moved(given[name], path, step)}
            try:
                far = _flatten_numbers(_recomputed(key, question, moved))
            except Exception:  # the family's code at a moved value (a division by zero)
                continue
            for i, (a, b) in enumerate(zip(far, near, strict=True)):
                spread[i] = max(spread[i], abs(a.approx - b.approx))
    return _with_spread(center, iter(spread)) if any(spread) else center


def _rounded_entries(given: Mapping[str, Any]) -> list[tuple[str, tuple[int, ...], Fraction]]:
    """Every typed decimal among the earlier answers: (quantity, index path, half a unit)."""
    found: list[tuple[str, tuple[int, ...], Fraction]] = []

    def walk(name: str, value: Any, path: tuple[int, ...]) -> None:
        if isinstance(value, Num) and value.spread:
            found.append((name, path, Fraction(value.spread)))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(name, item, (*path, i))

    for name, value in given.items():
        walk(name, value, ())
    return found


def _moved(value: Any, path: tuple[int, ...], step: Fraction) -> Any:
    if not path:
        assert isinstance(value.exact, Fraction)
        exact = value.exact + step
        return Num(exact, float(exact))
    copy = list(value)
    copy[path[0]] = _moved(copy[path[0]], path[1:], step)
    return copy


def _with_spread(value: Any, spreads: Iterator[float]) -> Any:
    if isinstance(value, Num):
        return replace(value, spread=next(spreads))
    if isinstance(value, list):
        return [_with_spread(item, spreads) for item in value]
    return value


def _spread_text(value: Any) -> str:
    """``0.5041 (0.497 to 0.5112 allowing for the rounding)`` or a vector of such values."""
    numbers = _flatten_numbers(value)
    if isinstance(value, frozenset):
        return choices_text(value)
    if not numbers:
        return formatting.exact_string(value)
    shown = ", ".join(f"{n.approx:.4g}" for n in numbers)
    shown = f"[{shown}]" if isinstance(value, list) else shown
    if not any(n.spread for n in numbers):
        return shown
    ranges = ", ".join(f"{n.approx - n.spread:.4g} to {n.approx + n.spread:.4g}" for n in numbers)
    return f"{shown} ({ranges} allowing for the rounding of your earlier answers)"


def _grade_constraint(key: KeyPart, text: str, context: Context | None) -> PartResult:
    question = context.question if context else None
    family = question.family if question else None
    if question is None or family is None:
        why = question.unavailable if question else "no question context"
        result = key.result("manual", 0.0, None, f"constraint not checked ({why}); grade by hand")
        return replace(result, answer=_clip(text))
    reading = _read(key, text)
    if isinstance(reading, PartResult):
        return reading
    try:
        problems = family.check(key.part_id, reading.value, question.params)
    except Exception as error:  # the family's check on an answer of an unexpected form
        problems = [f"the design could not be checked ({type(error).__name__}: {error})"]
    if problems:
        return key.result("wrong", 0.0, reading, "; ".join(problems))
    return key.result("correct", key.points, reading, "satisfies every constraint")
