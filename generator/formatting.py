"""The one formatter every key value and template value passes through.

A value is a sympy expression, a (nested) list of them for vectors and matrices, a
:class:`Shape`, a sympy set (:class:`sympy.Interval`, ``Union``, ``FiniteSet``) or a plain string
(choice keys). This module turns such a value into the three forms a key needs: an *exact* string
that :mod:`generator.mathtext` (and the grader) read back, LaTeX, and plain numbers for JSON.
Keeping all three here means a key, its LaTeX and its numbers can never disagree.
"""

from __future__ import annotations

import decimal
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import sympy

from generator.tolerance import DEFAULT_REL

Number = float | int | None
Numeric = Number | list[Any]


# How an answer of each kind is written: the CSV template's example row and the grader's hint.
ANSWER_EXAMPLES = {
    "integer": "42",
    "number": "3/2",
    "vector": "[1, -2]",
    "matrix": "[[1, 0], [0, 1]]",
    "shape": "8x8x5",
    "interval": "(0, 1/3]",
    "set": "(0, 1) U [2, 3]",
    "expression": "2*w - 1",
    "choice": "B",
    "multi": "A,C",
    "constraint": "see question",
}


NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def tolerance_text(tolerance: Mapping[str, Any]) -> str:
    """A part's tolerance in words (``four significant figures``): the one description that
    the question text, the instructions and the grader's feedback all print."""
    mode = tolerance.get("mode")
    if mode in ("sigfig", "decimals"):
        digits = int(tolerance.get("digits", 3 if mode == "sigfig" else 2))
        count = NUMBER_WORDS[digits] if digits < len(NUMBER_WORDS) else str(digits)
        noun = "significant figure" if mode == "sigfig" else "decimal place"
        return f"{count} {noun}{'' if digits == 1 else 's'}"
    if mode == "rel":
        return f"{100 * tolerance.get('rel', DEFAULT_REL):g} % relative"
    if mode == "exact":
        return "exactly"
    return str(mode)


@dataclass(frozen=True)
class Shape:
    """A tensor shape such as 8x8x5; an answer kind of its own (``8×8×5``, ``(3,4,5,5)``)."""

    dims: tuple[int, ...]

    def __str__(self) -> str:
        return "x".join(str(d) for d in self.dims)


@lru_cache(maxsize=8192)
def evaluated(expr: sympy.Basic, digits: int) -> sympy.Expr:
    """``sympy.N(expr, digits)``, memoized: a key is evaluated for its LaTeX, its keys.json
    entry, its decimal and its value, and a sigmoid or an Adam step costs milliseconds each."""
    return sympy.N(expr, digits)


@dataclass(frozen=True)
class Fixed:
    """A number shown with a fixed count of decimals, rounded half-up from its exact value."""

    value: Any
    digits: int

    def text(self) -> str:
        exact = evaluated(sympy.sympify(self.value), 50)
        quantum = decimal.Decimal(1).scaleb(-self.digits)
        rounded = decimal.Decimal(str(exact)).quantize(quantum, rounding=decimal.ROUND_HALF_UP)
        return str(abs(rounded) if rounded == 0 else rounded)


@dataclass(frozen=True)
class Significant:
    """A number shown with ``digits`` significant figures (a readable stand-in for a long exact)."""

    value: Any
    digits: int

    def text(self) -> str:
        exact = evaluated(sympy.sympify(self.value), 50)
        if exact == 0:
            return "0"
        shown = decimal.Decimal(str(exact))
        quantum = decimal.Decimal(1).scaleb(shown.adjusted() - self.digits + 1)
        return f"{shown.quantize(quantum, rounding=decimal.ROUND_HALF_UP).normalize():f}"


def is_irrational(value: Any) -> bool:
    """True when a numeric value (or an entry of a list) has no exact rational form."""
    if isinstance(value, list | tuple):
        return any(is_irrational(v) for v in value)
    if isinstance(value, str | Shape) or _is_set(value):
        return False
    expr = sympy.sympify(value)
    return bool(expr.is_number and not expr.is_Rational)


def rounded(value: Any, digits: int, significant: bool = False) -> Any:
    """``value`` (a scalar or nested list) with ``digits`` fixed decimals (or significant
    figures), for display only: keys.json keeps the exact value."""
    if isinstance(value, list | tuple):
        return [rounded(v, digits, significant) for v in value]
    return Significant(value, digits) if significant else Fixed(value, digits)


class Latex(str):
    """A string that is already LaTeX and must pass the formatter unchanged."""


def _is_set(value: Any) -> bool:
    return isinstance(value, sympy.Set)


def exact_string(value: Any) -> str:
    """The parsable exact form: ``2/3``, ``sqrt(3)``, ``[1, 2]``, ``8x8x5``, ``(0, 1/3] U {2}``."""
    if isinstance(value, str):
        return value
    if isinstance(value, Fixed | Significant):
        return value.text()
    if isinstance(value, Shape):
        return str(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(exact_string(v) for v in value) + "]"
    if _is_set(value):
        return _set_string(value)
    return _sympy_string(sympy.sympify(value))


@lru_cache(maxsize=8192)
def _sympy_string(expr: sympy.Basic) -> str:
    """sympy's string printer, memoized like :func:`_sympy_latex` (a key is printed for
    keys.json, for the grader's reading and, in ``dlexam audit``, once more per entry)."""
    return str(sympy.sstr(expr))


def _set_string(value: sympy.Set) -> str:
    if value is sympy.S.EmptySet:
        return "{}"
    if isinstance(value, sympy.Union):
        return " U ".join(_set_string(arg) for arg in value.args)
    if isinstance(value, sympy.FiniteSet):
        return (
            "{"
            + ", ".join(exact_string(v) for v in sorted(value, key=sympy.default_sort_key))
            + "}"
        )
    if isinstance(value, sympy.Interval):
        left = "(" if value.left_open else "["
        right = ")" if value.right_open else "]"
        return f"{left}{exact_string(value.start)}, {exact_string(value.end)}{right}"
    if value == sympy.S.Reals:
        return "(-oo, oo)"
    raise TypeError(f"cannot write the set {value!r} as an exact answer")


def latex(value: Any) -> str:
    """LaTeX for any value; vectors as ``[a,\\ b]^\\top``-free row lists, matrices as bmatrix."""
    if isinstance(value, Latex):
        return str(value)
    if isinstance(value, Fixed | Significant):
        return value.text()
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Shape):
        return r" \times ".join(str(d) for d in value.dims)
    if isinstance(value, list | tuple):
        if value and all(isinstance(row, list | tuple) for row in value):
            rows = r" \\ ".join(" & ".join(latex(v) for v in row) for row in value)
            return r"\begin{bmatrix} " + rows + r" \end{bmatrix}"
        return r"\left[" + r",\ ".join(latex(v) for v in value) + r"\right]"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, int):
        return str(value)
    return _sympy_latex(sympy.sympify(value))


@lru_cache(maxsize=8192)
def _sympy_latex(expr: sympy.Basic) -> str:
    """sympy's LaTeX printer, memoized: a few hundred distinct values print thousands of times."""
    return str(sympy.latex(expr))


def number(value: Any) -> Numeric:
    """Plain JSON numbers: ints stay ints, reals become correctly rounded floats.

    Intervals become ``[[lo, hi], ...]`` with ``None`` for an infinite end; expressions with free
    symbols and strings have no number (``None``).
    """
    if isinstance(value, str):
        return None
    if isinstance(value, Shape):
        return list(value.dims)
    if isinstance(value, list | tuple):
        return [number(v) for v in value]
    if _is_set(value):
        return _set_numbers(value)
    expr = sympy.sympify(value)
    if expr.free_symbols:
        return None
    if expr.is_Integer:
        return int(expr)
    if expr in (sympy.oo, -sympy.oo, sympy.zoo, sympy.nan):
        return None
    return float(evaluated(expr, 30))


def _set_numbers(value: sympy.Set) -> list[Any]:
    if isinstance(value, sympy.Union):
        return [item for arg in value.args for item in _set_numbers(arg)]
    if isinstance(value, sympy.Interval):
        return [[number(value.start), number(value.end)]]
    if isinstance(value, sympy.FiniteSet):
        return [[number(v), number(v)] for v in sorted(value, key=sympy.default_sort_key)]
    return []


INFINITY = {sympy.oo: "inf", -sympy.oo: "-inf"}
DECIMAL_SIGNIFICANT = 6  # figures of a decimal key that has no decimals: of its own


def json_value(value: Any) -> Any:
    """The ``value`` of a key in keys.json: :func:`number`, losing nothing.

    Infinite numbers are the strings ``"inf"`` and ``"-inf"`` (what ``float()`` reads); an
    interval or set is a list of ``{"lower", "upper", "lower_closed", "upper_closed"}`` (a point
    ``{2}`` is a closed interval from 2 to 2). See ``generator/schema/keys.schema.json``.
    """
    if isinstance(value, list | tuple):
        return [json_value(v) for v in value]
    if _is_set(value):
        return _set_json(value)
    if isinstance(value, str | Shape):
        return number(value)
    expr = sympy.sympify(value)
    if expr in INFINITY:
        return INFINITY[expr]
    return number(expr)


def _set_json(value: sympy.Set) -> list[dict[str, Any]]:
    if isinstance(value, sympy.Union):
        return [item for arg in value.args for item in _set_json(arg)]
    if isinstance(value, sympy.Interval):
        return [
            {
                "lower": json_value(value.start),
                "upper": json_value(value.end),
                "lower_closed": not value.left_open,
                "upper_closed": not value.right_open,
            }
        ]
    if isinstance(value, sympy.FiniteSet):
        points = sorted(value, key=sympy.default_sort_key)
        return [
            {
                "lower": json_value(v),
                "upper": json_value(v),
                "lower_closed": True,
                "upper_closed": True,
            }
            for v in points
        ]
    if value == sympy.S.Reals:
        return _set_json(sympy.Interval(-sympy.oo, sympy.oo))
    return []


def is_decimal(value: Any) -> bool:
    """True when a key holds floating-point numbers (an honest decimal, not an exact form)."""
    if isinstance(value, list | tuple):
        return any(is_decimal(v) for v in value)
    if value is None or isinstance(value, str | Shape) or _is_set(value):
        return False
    return bool(sympy.sympify(value).has(sympy.Float))


def decimal_key(value: Any, decimals: int | None) -> tuple[Any, dict[str, int] | None]:
    """A key as it is written down: its exact form, or, when it is a decimal, that decimal to
    the part's stated precision (``decimals`` places, else :data:`DECIMAL_SIGNIFICANT`
    significant figures) together with that precision, so no one mistakes it for exact."""
    if not is_decimal(value):
        return value, None
    if decimals is not None:
        return rounded(value, decimals), {"decimals": decimals}
    shown = rounded(value, DECIMAL_SIGNIFICANT, significant=True)
    return shown, {"significant": DECIMAL_SIGNIFICANT}


def template_value(value: Any) -> str:
    """Jinja's ``finalize`` hook: everything printed in a template goes through :func:`latex`."""
    if value is None:
        raise ValueError("a template printed an undefined (None) value")
    return latex(value)
