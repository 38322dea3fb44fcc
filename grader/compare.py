"""Comparing an answer as read with a key, under the part's tolerance and scoring rule.

Tolerance modes (``keys.json`` ``tolerance``), as PrairieLearn and Moodle define them:

``sigfig`` (default for real numbers, ``digits`` 3)
    accepted when within half a unit of the key's last significant digit: for the key 2/3 and
    three digits, 0.667, 0.6667 and 2/3 are accepted, 0.666 and 0.67 are not. Any answer that is
    the key correctly rounded to three significant figures (or closer) is accepted.
``decimals``
    within half a unit of the ``digits``-th decimal place.
``rel``
    within ``rel`` times the key.
``exact``
    only the exact value (integers, shapes).

Every mode also accepts a difference up to ``abs`` (the absolute floor), so that a key of 0 does
not demand exactly 0; the entries of a vector or matrix also share a floor set by the largest
entry (:func:`entry_tolerance`). A verdict says whether the answer is *exactly* the key (status
``correct``) or only within the tolerance (``within-tolerance``); both earn full points.
"""

from __future__ import annotations

import math
import random
import signal
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy

from generator.family import SIGFIG_DEFAULT
from generator.formatting import tolerance_text
from generator.mathtext import array_shape
from generator.tolerance import entry_tolerance, half_width
from grader.bounded_value import TooLarge, Undefined, value_at
from grader.reading import Num, number_from

DEFAULT_TOLERANCE: dict[str, Any] = SIGFIG_DEFAULT
EXACT_DIGITS = 50


@dataclass(frozen=True)
class Verdict:
    """``fraction`` of the points (1 full, 0 none, partial for choice sets), exactness, why."""

    fraction: float
    exact: bool = False
    reason: str = ""

    @property
    def full(self) -> bool:
        return self.fraction >= 1.0


NO_MATCH = Verdict(0.0)
EXACT_MATCH = Verdict(1.0, exact=True)
CLOSE_MATCH = Verdict(1.0, exact=False)


# -- numbers ----------------------------------------------------------------------------------
def numbers_equal(answer: Num, key: Num) -> bool:
    """Exact equality; two sympy values are compared to 50 digits (never ``simplify``)."""
    if isinstance(answer.exact, Fraction) and isinstance(key.exact, Fraction):
        return answer.exact == key.exact
    if not math.isclose(answer.approx, key.approx, rel_tol=1e-12, abs_tol=1e-300):
        return False
    left, right = (_sympy(v.exact) for v in (answer, key))
    if left == right:
        return True
    difference = sympy.N(left - right, EXACT_DIGITS)
    return bool(
        abs(difference) <= sympy.Float(10) ** (-EXACT_DIGITS + 10) * max(1, abs(key.approx))
    )


def _sympy(value: Fraction | sympy.Expr) -> sympy.Expr:
    if isinstance(value, Fraction):
        return sympy.Rational(value.numerator, value.denominator)
    return value


def within(answer: float, key: float, tolerance: dict[str, Any]) -> bool:
    """Whether ``answer`` is within the part's tolerance of ``key`` (see the module docstring)."""
    if not (math.isfinite(answer) and math.isfinite(key)):
        return answer == key
    return abs(answer - key) <= half_width(key, tolerance)


def compare_number(answer: Num, key: Num, tolerance: dict[str, Any]) -> Verdict:
    """Exactly equal, or within the tolerance of the key (of its nearest value when the key
    carries a ``spread``: a follow-through key recomputed from rounded earlier answers)."""
    if numbers_equal(answer, key):
        return EXACT_MATCH
    target = key.approx
    if key.spread:
        target = min(max(answer.approx, target - key.spread), target + key.spread)
    if within(answer.approx, target, tolerance):
        return CLOSE_MATCH
    if answer.spread and abs(answer.approx - target) <= answer.spread:
        return Verdict(0.0, reason=rounded_too_far(tolerance))
    return NO_MATCH


def rounded_too_far(tolerance: Mapping[str, Any]) -> str:
    """Why an answer that is the key rounded to fewer digits than the part asks for is wrong."""
    if tolerance.get("mode") == "exact":
        return (
            "right only when rounded: a count is graded exactly, so write all its digits "
            "(a spreadsheet may show 259375000 as 2.59E+08)"
        )
    asked = tolerance_text(tolerance)
    return f"right only when rounded to the digits you typed: the part asks for {asked}"


# -- vectors and matrices ---------------------------------------------------------------------
def _squeeze(shape: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(d for d in shape if d != 1)


def _flatten(value: list[Any]) -> list[Num]:
    return [item for row in value for item in (row if isinstance(row, list) else [row])]


def compare_array(
    answer: list[Any], key: list[Any], tolerance: dict[str, Any], partial: bool = False
) -> Verdict:
    """Element-wise after a shape check; a column or row vector answers a vector part.

    Shapes that differ only in dimensions of length 1 (3 entries, 1x3, 3x1; 1x1 and one entry)
    are the same answer written differently. Entries share an absolute floor set by the largest
    entry (:func:`entry_tolerance`). With ``partial`` each right entry earns its share of the
    points (PrairieLearn's per-element credit), else one wrong entry makes the answer wrong.
    """
    want, got = array_shape(key), array_shape(answer)
    if want != got and _squeeze(want) == _squeeze(got):
        answer, key, got = _flatten(answer), _flatten(key), want
    if want != got:
        return Verdict(0.0, reason=f"expected shape {_shape_text(want)}, got {_shape_text(got)}")
    keys = _flatten(key)
    each = entry_tolerance(tolerance, [k.approx for k in keys])
    verdicts = [compare_number(a, k, each) for a, k in zip(_flatten(answer), keys, strict=True)]
    misses = sum(not v.full for v in verdicts)
    if misses:
        right = len(verdicts) - misses
        reason = f"{misses} of {len(verdicts)} entries are off"
        rounded = sum(bool(v.reason) for v in verdicts)
        if rounded:
            reason += f" ({rounded} {rounded_too_far(each)})"
        return Verdict(right / len(verdicts) if partial else 0.0, reason=reason)
    return EXACT_MATCH if all(v.exact for v in verdicts) else CLOSE_MATCH


def _shape_text(shape: tuple[int, ...]) -> str:
    if not shape:
        return "a single number"
    if len(shape) == 1:
        return "1 entry" if shape[0] == 1 else f"{shape[0]} entries"
    return "x".join(map(str, shape))


# -- shapes -----------------------------------------------------------------------------------
def compare_shape(answer: Any, key: Any) -> Verdict:
    if answer.dims == key.dims:
        return EXACT_MATCH
    if len(answer.dims) != len(key.dims):
        return Verdict(0.0, reason=f"expected {len(key.dims)} dimensions, got {len(answer.dims)}")
    if sorted(answer.dims) == sorted(key.dims):  # channels first (C x H x W) where C comes last
        return Verdict(
            0.0, reason="the right sizes in another order: give them in the order the part asks for"
        )
    return NO_MATCH


# -- intervals and sets -----------------------------------------------------------------------
Piece = tuple[Num, Num, bool, bool]


def set_pieces(value: sympy.Set) -> list[Piece]:
    """Disjoint pieces (low, high, low open, high open), points as closed [p, p], sorted."""
    if value is sympy.S.EmptySet:
        return []
    if isinstance(value, sympy.Union):
        pieces = [piece for arg in value.args for piece in set_pieces(arg)]
    elif isinstance(value, sympy.Interval):
        pieces = [
            (
                number_from(value.start),
                number_from(value.end),
                bool(value.left_open),
                bool(value.right_open),
            )
        ]
    elif isinstance(value, sympy.FiniteSet):
        pieces = [(number_from(p), number_from(p), False, False) for p in value]
    else:
        raise TypeError(f"cannot compare the set {value!r}")
    return sorted(pieces, key=lambda piece: (piece[0].approx, piece[1].approx))


def set_universe(domains: Mapping[str, str]) -> sympy.Set | None:
    """The numbers a set answer is about, where the question states it (``alpha > 0``, declared
    as ``domains: {alpha: positive}``): there ``alpha < 1/3`` means (0, 1/3)."""
    kinds = set(domains.values())
    if kinds == {"positive"}:
        return sympy.Interval.open(0, sympy.oo)
    if kinds == {"nonnegative"}:
        return sympy.Interval(0, sympy.oo)
    return None


def compare_set(
    answer: sympy.Set,
    key: sympy.Set,
    tolerance: dict[str, Any],
    universe: sympy.Set | None = None,
) -> Verdict:
    """Intervals by their ends (within tolerance) and whether each end is open, both taken
    within the ``universe`` the question states."""
    if universe is not None:
        answer, key = answer.intersect(universe), key.intersect(universe)
    got, want = set_pieces(answer), set_pieces(key)
    if len(got) != len(want):
        return Verdict(0.0, reason=f"expected {len(want)} piece(s), got {len(got)}")
    exact = True
    openness_wrong = False
    for (lo, hi, lo_open, hi_open), (klo, khi, klo_open, khi_open) in zip(got, want, strict=True):
        ends = [compare_number(lo, klo, tolerance), compare_number(hi, khi, tolerance)]
        if not all(v.full for v in ends):
            return NO_MATCH
        exact = exact and all(v.exact for v in ends)
        openness_wrong = openness_wrong or (lo_open, hi_open) != (klo_open, khi_open)
    if openness_wrong:
        return Verdict(0.0, reason="the ends are right but an end is open/closed the wrong way")
    return EXACT_MATCH if exact else CLOSE_MATCH


# -- expressions ------------------------------------------------------------------------------
# Where each declared symbol is sampled: both signs, near zero and large magnitudes, so that
# |w| against w, or sqrt(w^2) against w, cannot agree by accident on a narrow positive range.
_MAGNITUDES = ("13/10", "7/10", "26/10", "3/10", "71/10", "1/1000", "1000")
_POSITIVE = tuple(sympy.Rational(s) for s in _MAGNITUDES)
_DOMAIN_VALUES: dict[str, tuple[sympy.Expr, ...]] = {
    "real": (*(v * sign for v in _POSITIVE for sign in (1, -1)), sympy.Integer(0)),
    "positive": _POSITIVE,
    "nonnegative": (*_POSITIVE, sympy.Integer(0)),
    "integer": tuple(sympy.Integer(n) for n in (0, 1, -1, 2, -2, 3, -3, 7, -7, 1000, -1000)),
    "positive-integer": tuple(sympy.Integer(n) for n in (1, 2, 3, 4, 7, 12, 1000)),
}
_ASSUMPTIONS: dict[str, dict[str, bool]] = {
    "real": {"real": True},
    "positive": {"positive": True},
    "nonnegative": {"nonnegative": True},
    "integer": {"integer": True},
    "positive-integer": {"integer": True, "positive": True},
}
EXPRESSION_POINTS = 40
EXPRESSION_SEED = 20240917  # fixed: grading the same answer twice gives the same verdict
EXPRESSION_RTOL = 1e-9
SYMBOLIC_SECONDS = 1.0  # budget for sympy's simplify on one answer
SYMBOLIC_MAX_OPS = 120  # larger differences go straight to the numeric check
KINK_OFFSET = sympy.Rational(1, 1000)


def compare_expression(
    answer: sympy.Expr,
    key: sympy.Expr,
    symbols: tuple[str, ...],
    domains: Mapping[str, str] | None = None,
) -> Verdict:
    """Equivalent to the key over each symbol's whole domain (``real`` unless the part says).

    First sympy tries to prove ``answer - key == 0`` under the domain's assumptions (bounded in
    time and size: the trees come from dlexam's own parser, never from text given to sympy).
    What it cannot prove is decided numerically (:mod:`grader.bounded_value`, bounded in work on
    any thread): the two must agree at points of both signs, near zero, at large magnitudes and
    on both sides of every kink of the key (``|theta|``). Points where the key has no value a
    float can hold are skipped; an answer without one where the key has one is wrong.
    """
    if answer == key:
        return EXACT_MATCH
    domains = domains or {}
    table = {
        sympy.Symbol(name): sympy.Symbol(name, **_ASSUMPTIONS[domains.get(name, "real")])
        for name in symbols
    }
    left, right = answer.xreplace(table), key.xreplace(table)
    if _proved_equal(left, right):
        return Verdict(1.0, exact=True, reason="equivalent to the key")
    checked = 0
    for point in _expression_points(right, table, domains):
        want = _evaluate(right, point)
        if want is None:
            continue
        got = _evaluate(left, point)
        if got is None or abs(got - want) > EXPRESSION_RTOL * max(1.0, abs(want)):
            where = ", ".join(f"{s}={_point_text(v)}" for s, v in point.items())
            return Verdict(0.0, reason=f"not equivalent to the key: they differ at {where}")
        checked += 1
    if checked == 0:
        return NO_MATCH
    return Verdict(1.0, exact=True, reason="equivalent to the key")


def _point_text(value: sympy.Expr) -> str:
    return str(value) if value.is_Integer else f"{float(value):g}"


def _proved_equal(left: sympy.Expr, right: sympy.Expr) -> bool:
    """``simplify(left - right) == 0`` within :data:`SYMBOLIC_SECONDS`; ``False`` if unsure.

    Off the main thread (the worker threads of ``dlexam serve``) no timer can stop ``simplify``,
    so the proof is skipped and the bounded numeric check decides alone. Running it in a child
    process could bound it, but would cost a process per answer on a practice server where the
    numeric check already decides every case the proof does, except an answer with a removable
    singularity exactly at a sample point (``(x^2 - 1.69)/(x - 1.3)`` for ``x + 1.3``).
    """
    difference = left - right
    if difference == 0:
        return True
    if sympy.count_ops(difference) > SYMBOLIC_MAX_OPS:
        return False
    try:
        with time_limit(SYMBOLIC_SECONDS) as limited:
            return limited and bool(sympy.simplify(difference) == 0)
    except (TimeoutError, ArithmeticError, TypeError, ValueError, RecursionError):
        return False


@contextmanager
def time_limit(seconds: float) -> Iterator[bool]:
    """Raise :class:`TimeoutError` in the block after ``seconds`` (a POSIX interval timer).

    Yields ``False`` where no timer can be set (another thread, or no ``setitimer``): the caller
    then skips the work it cannot bound. Blocks do not nest.
    """
    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield False
        return

    def expire(signum: int, frame: Any) -> None:
        raise TimeoutError(f"took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.05)  # again and again if code swallows it
    try:
        yield True
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _expression_points(
    key: sympy.Expr, table: Mapping[sympy.Symbol, sympy.Symbol], domains: Mapping[str, str]
) -> list[dict[sympy.Symbol, sympy.Expr]]:
    """Points over each symbol's domain: every value of the domain's list for each symbol in
    turn (the others at a fixed draw), random draws, and both sides of the key's kinks."""
    names = list(table.values())
    values = {s: _DOMAIN_VALUES[domains.get(s.name, "real")] for s in names}
    rng = random.Random(EXPRESSION_SEED)
    points: list[dict[sympy.Symbol, sympy.Expr]] = []
    base = {s: rng.choice([v for v in values[s] if 0 < abs(v) < 100]) for s in names}
    for s in names:
        points.extend({**base, s: v} for v in values[s])
    while len(points) < EXPRESSION_POINTS:
        points.append({s: rng.choice(values[s]) for s in names})
    points.extend(_kink_points(key, base, domains))
    return points


def _kink_points(
    key: sympy.Expr, base: Mapping[sympy.Symbol, sympy.Expr], domains: Mapping[str, str]
) -> list[dict[sympy.Symbol, sympy.Expr]]:
    """Both sides of each place where an ``Abs`` in the key (the one function of the answer
    grammar with a kink) switches branch, along each real symbol in turn with the others
    fixed, where that place is a root of a polynomial of degree 1 or 2. The key is trusted:
    it comes from the family's solution."""
    points: list[dict[sympy.Symbol, sympy.Expr]] = []
    for node in key.atoms(sympy.Abs):
        for s in node.args[0].free_symbols & set(base):
            domain = domains.get(s.name, "real")
            along = node.args[0].xreplace({o: v for o, v in base.items() if o != s})
            if "integer" in domain or not along.is_polynomial(s):
                continue
            poly = sympy.Poly(along, s)
            if poly.degree() not in (1, 2):
                continue
            for root in poly.real_roots():
                offset = KINK_OFFSET * max(abs(root), KINK_OFFSET)
                points.extend(
                    {**base, s: side}
                    for side in (root - offset, root + offset)
                    if domain == "real" or side > 0 or (side == 0 and domain == "nonnegative")
                )
    return points


def _evaluate(expr: sympy.Expr, point: Mapping[sympy.Symbol, sympy.Expr]) -> complex | None:
    """The value at ``point`` to 30 digits, or ``None`` where it is undefined, not finite or
    too large to compute in bounded work (``exp(exp(exp(x)))`` at x = 1000)."""
    try:
        return value_at(expr, point)
    except (Undefined, TooLarge):
        return None


# -- choices ----------------------------------------------------------------------------------
def compare_choices(
    answer: frozenset[str], key: frozenset[str], kind: str, scoring: str, n_options: int
) -> Verdict:
    """All-or-nothing (the TUM rule), per-option partial (floor 0) or negative marking.

    ``partial`` and ``negative`` give each right option 1/|key| and take 1/|key| for each wrong
    one; ``partial`` stops at 0, ``negative`` at -1 (minus the part's points). A single choice
    under negative marking costs 1/(options - 1) when wrong, the usual guessing correction.
    """
    if answer == key:
        return EXACT_MATCH
    if scoring == "all-or-nothing":
        return NO_MATCH
    right, wrong = len(answer & key), len(answer - key)
    if kind == "choice":
        penalty = 1 / (n_options - 1) if scoring == "negative" and n_options > 1 else 0.0
        return Verdict(-penalty, reason="wrong option (negative marking)" if penalty else "")
    fraction = (right - wrong) / len(key)
    fraction = max(0.0, fraction) if scoring == "partial" else max(-1.0, fraction)
    return Verdict(fraction, reason=f"{right} of {len(key)} right option(s), {wrong} wrong")
