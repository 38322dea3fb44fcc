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
not demand exactly 0. A verdict says whether the answer is *exactly* the key (status ``correct``)
or only within the tolerance (``within-tolerance``); both earn full points.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy

from generator.family import SIGFIG_DEFAULT
from generator.mathtext import array_shape
from generator.tolerance import half_width
from grader.reading import Num, number_from

DEFAULT_TOLERANCE: dict[str, Any] = SIGFIG_DEFAULT
EXACT_DIGITS = 50
EXPRESSION_POINTS = 6
EXPRESSION_SEED = 20240917  # fixed: grading the same answer twice gives the same verdict
EXPRESSION_RTOL = 1e-9


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
    if numbers_equal(answer, key):
        return EXACT_MATCH
    if within(answer.approx, key.approx, tolerance):
        return CLOSE_MATCH
    return NO_MATCH


# -- vectors and matrices ---------------------------------------------------------------------
def _squeeze(shape: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(d for d in shape if d != 1)


def _flatten(value: list[Any]) -> list[Num]:
    return [item for row in value for item in (row if isinstance(row, list) else [row])]


def compare_array(answer: list[Any], key: list[Any], tolerance: dict[str, Any]) -> Verdict:
    """Element-wise after a shape check; a column or row vector answers a vector part.

    Shapes that differ only in dimensions of length 1 (3 entries, 1x3, 3x1; 1x1 and one entry)
    are the same answer written differently.
    """
    want, got = array_shape(key), array_shape(answer)
    if want != got and _squeeze(want) == _squeeze(got):
        answer, key, got = _flatten(answer), _flatten(key), want
    if want != got:
        return Verdict(0.0, reason=f"expected shape {_shape_text(want)}, got {_shape_text(got)}")
    verdicts = [
        compare_number(a, k, tolerance)
        for a, k in zip(_flatten(answer), _flatten(key), strict=True)
    ]
    misses = sum(not v.full for v in verdicts)
    if misses:
        return Verdict(0.0, reason=f"{misses} of {len(verdicts)} entries are off")
    return EXACT_MATCH if all(v.exact for v in verdicts) else CLOSE_MATCH


def _shape_text(shape: tuple[int, ...]) -> str:
    if not shape:
        return "a single number"
    if len(shape) == 1:
        return f"{shape[0]} entries"
    return "x".join(map(str, shape))


# -- shapes -----------------------------------------------------------------------------------
def compare_shape(answer: Any, key: Any) -> Verdict:
    if answer.dims == key.dims:
        return EXACT_MATCH
    if len(answer.dims) != len(key.dims):
        return Verdict(0.0, reason=f"expected {len(key.dims)} dimensions, got {len(answer.dims)}")
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


def compare_set(answer: sympy.Set, key: sympy.Set, tolerance: dict[str, Any]) -> Verdict:
    """Intervals by their ends (within tolerance) and whether each end is open."""
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
def compare_expression(answer: sympy.Expr, key: sympy.Expr, symbols: tuple[str, ...]) -> Verdict:
    """Same canonical sympy form, or equal at random points of the declared symbols."""
    if answer == key:
        return EXACT_MATCH
    rng = random.Random(EXPRESSION_SEED)
    names = [sympy.Symbol(name) for name in symbols]
    checked = 0
    for _ in range(EXPRESSION_POINTS):
        point = {name: sympy.Rational(rng.randint(50, 200), 100) for name in names}
        got, want = (_evaluate(expr, point) for expr in (answer, key))
        if want is None:
            continue
        if got is None or abs(got - want) > EXPRESSION_RTOL * max(1.0, abs(want)):
            return NO_MATCH
        checked += 1
    if checked == 0:
        return NO_MATCH
    return Verdict(1.0, exact=True, reason="equivalent to the key")


def _evaluate(expr: sympy.Expr, point: dict[sympy.Symbol, sympy.Expr]) -> complex | None:
    value = complex(sympy.N(expr.xreplace(point), 30))
    if not (math.isfinite(value.real) and math.isfinite(value.imag)):
        return None
    return value


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
