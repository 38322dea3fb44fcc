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

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any

from generator import formatting
from generator.errors import DlexamError, MathTextError
from generator.family import Family
from generator.mathtext import array_shape
from generator.registry import Registry, default_registry
from generator.tolerance import DEFAULT_REL
from grader import compare
from grader.compare import Verdict
from grader.reading import (
    BOOLEAN_KEYS,
    KindInfo,
    Num,
    Reading,
    from_value,
    read_answer,
    to_solution_value,
)

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


def describe_tolerance(tolerance: Mapping[str, Any]) -> str:
    mode = tolerance.get("mode")
    if mode == "sigfig":
        return f"{tolerance.get('digits', 3)} significant figures"
    if mode == "decimals":
        return f"{tolerance.get('digits', 2)} decimal places"
    if mode == "rel":
        return f"{100 * tolerance.get('rel', DEFAULT_REL):g} % relative"
    return str(mode)


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
        self.symbols = tuple(raw.get("symbols", ()))
        self.scoring = str(raw.get("scoring", "all-or-nothing"))
        labels = tuple(str(o["label"]) for o in raw.get("options", ()))
        exact = raw.get("exact")
        boolean = self.kind == "choice" and str(exact).strip().lower() in BOOLEAN_KEYS
        self.info = KindInfo(self.kind, self.symbols, None, labels, boolean)
        unit = raw.get("unit") or ""
        self.expected = "" if exact is None else f"{exact} {unit}".strip()
        self.key: Any = None
        if exact is not None and self.kind not in ("manual", "constraint"):
            self.key = self._read_key(str(exact))
            shape = array_shape(self.key) if self.kind in ("vector", "matrix") else None
            self.info = KindInfo(self.kind, self.symbols, shape, labels, boolean)
            decimal = _decimal_text(self.key)
            if decimal and len(str(exact)) > LONG_EXACT:  # a 40-digit float helps nobody
                self.expected = f"≈ {decimal} {unit}".strip()
            elif decimal:
                self.expected += f" ≈ {decimal}"
        if self.kind == "constraint" and exact is not None:
            self.expected = f"any design meeting the constraints, e.g. {exact}"
        self.alternatives = tuple(
            Alternative(self._read_key(str(a["exact"])), str(a["exact"]), a["points"], a["reason"])
            for a in raw.get("alternatives", ())
            if self.kind not in ("manual", "constraint")
        )
        self.cache: dict[str, PartResult] = {}

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
        if kind in ("integer", "number"):
            return compare.compare_number(answer, key, self.tolerance)
        if kind in ("vector", "matrix"):
            return compare.compare_array(answer, key, self.tolerance)
        if kind == "shape":
            return compare.compare_shape(answer, key)
        if kind in ("interval", "set"):
            return compare.compare_set(answer, key, self.tolerance)
        if kind == "expression":
            return compare.compare_expression(answer, key, self.symbols)
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


def _decimal_text(key: Any) -> str:
    """``0.1269`` next to ``log(exp(-2) + 1)``: students compare decimals, not closed forms."""
    items = _flatten_numbers(key)
    if not items or all(isinstance(n.exact, Fraction) for n in items):
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
    if (
        result.points < key.points
        and result.value is not None
        and key.depends
        and key.follow_through > 0
        and context is not None
        and context.question is not None
    ):
        result = _follow_through(key, result, context)
    return result


def _read(key: KeyPart, text: str) -> Reading | PartResult:
    try:
        return read_answer(text, key.info)
    except MathTextError as error:
        reason = f"cannot read the answer: {error}"
    except (ArithmeticError, ValueError, TypeError, RecursionError) as error:
        reason = f"cannot read the answer ({type(error).__name__})"
    example = formatting.ANSWER_EXAMPLES.get(key.kind)
    if example and key.kind != "constraint":
        reason += f" (write it like {example})"
    invalid = key.result("invalid", 0.0, None, reason)
    return replace(invalid, answer=_clip(text))


def _clip(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _grade_against_key(key: KeyPart, text: str) -> PartResult:
    reading = _read(key, text)
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
        why = f"within the tolerance ({describe_tolerance(key.tolerance)}) of the key"
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
    """Full (or the configured fraction of) points when right from the student's own answers."""
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
        given[earlier_key.quantity] = to_solution_value(earlier_key.kind, earlier.value)
        used.append(label)
    if not given:
        return result
    if question.family is None:
        return replace(
            result, reason=f"{result.reason}; follow-through not checked: {question.unavailable}"
        )
    try:
        recomputed = question.recompute(key.quantity, given)
        verdict = key.verdict(result.value, from_value(key.kind, recomputed))
    except Exception as error:  # the family's own code on a student's values (1/0, a bad shape)
        why = f"follow-through not checked: your answers to {', '.join(used)} give no key here"
        return replace(result, reason=f"{result.reason}; {why} ({type(error).__name__})")
    points = round(key.points * key.follow_through, 6)
    if not verdict.full or points <= result.points:
        return result
    why = (
        f"wrong against the key, but right from your answer(s) to {', '.join(used)} "
        f"(which give {formatting.exact_string(recomputed)})"
    )
    return replace(result, status="follow-through", points=points, reason=why)


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


def grade_question(
    question: QuestionInfo, answers: Mapping[str, str | None], labels: Iterable[str] | None = None
) -> list[PartResult]:
    """Grade a question's parts in order, so later parts see earlier results (follow-through)."""
    context = Context(question)
    results = []
    for label in labels if labels is not None else question.parts:
        result = grade_part(question.parts[label], answers.get(label), context)
        context.earlier[label] = result
        results.append(result)
    return results
