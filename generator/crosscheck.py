"""Every key is checked against the family's independent numeric path before it is written.

``numeric.py`` of a family returns, per computed part id, what a plain numpy computation (forward
pass, finite differences, brute-force counting) gives. A wrong key is the worst bug dlexam can have,
so generation refuses to write one that disagrees, and the test suite runs this check on hundreds
of random variants of every family.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import sympy

from generator import formatting
from generator.errors import DlexamError
from generator.family import UNCOMPUTED_KINDS, Family

RTOL = 1e-7
ATOL = 1e-9  # per unit of the variant's scale (see _scale)
EXPRESSION_POINTS = 5
COUNT_KINDS = ("integer", "shape")  # compared exactly


class CrossCheckError(DlexamError):
    """The sympy key and the numeric path disagree: a bug in the family, never a user error."""


def _close(symbolic: Any, numeric: Any, scale: float = 1.0) -> bool:
    left = formatting.number(symbolic)
    try:
        a = np.asarray(_finite(left), dtype=float)
        b = np.asarray(_finite(numeric), dtype=float)
    except (TypeError, ValueError):
        return False
    atol = ATOL * scale
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=RTOL, atol=atol, equal_nan=True))


def _equal(symbolic: Any, numeric: Any) -> bool:
    """A count (an integer or a shape) is right or wrong: any tolerance scaled to a variant of
    937 500 000 multiplications would let an off-by-one key through."""
    left = np.asarray(formatting.number(symbolic))
    right = np.asarray(numeric)
    return left.dtype.kind in "iu" and left.shape == right.shape and np.array_equal(left, right)


def _scale(numeric: Mapping[str, Any]) -> float:
    """The size of the numbers of a variant (at least 1): a finite difference of a loss of 16
    that is exactly 0 comes out as 3.6e-9 (rounding of 16 over a step of 1e-6), so a zero key is
    compared with an absolute tolerance that grows with the variant's numbers, not a fixed one."""
    sizes = [1.0]
    for value in numeric.values():
        try:
            array = np.abs(np.asarray(_finite(value), dtype=float))
        except (TypeError, ValueError):  # an expression's function, a constraint's test
            continue
        finite = array[np.isfinite(array)]
        if finite.size:
            sizes.append(float(finite.max()))
    return max(sizes)


def _finite(value: Any) -> Any:
    """``None`` (an infinite interval end) compares as NaN on both sides."""
    if value is None:
        return float("nan")
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value


def _domain_point(rng: np.random.Generator, domain: str) -> float:
    """A value of a symbol's domain: both signs for a real symbol, so that a key with
    ``Abs(theta)`` and a numeric path without it (or the reverse) disagree."""
    if domain == "integer":
        return float(rng.integers(-4, 5))
    if domain == "positive-integer":
        return float(rng.integers(1, 8))
    size = float(rng.uniform(0.5, 2.0))
    return size if domain in ("positive", "nonnegative") else size * float(rng.choice((-1, 1)))


def same_expression(
    expr: Any, function: Callable[..., float], symbols: tuple[str, ...], domains: Mapping[str, str]
) -> bool:
    rng = np.random.default_rng(0)
    sym = sympy.sympify(expr)
    for _ in range(EXPRESSION_POINTS):
        # a symbol without a declared domain is sampled positive: some questions assume more
        # than a per-symbol domain can say (skip_connections: y = max(w x, 0) > 0)
        point = {name: _domain_point(rng, domains.get(name, "positive")) for name in symbols}
        # evalf's subs evaluates at the point without building the substituted expression
        # (half the time of subs() then evalf(), and no less exact)
        exact = complex(sym.evalf(subs={sympy.Symbol(k): v for k, v in point.items()}))
        if abs(exact.imag) > ATOL:
            return False
        if not np.isclose(exact.real, float(function(**point)), rtol=RTOL, atol=ATOL):
            return False
    return True


def cross_check(family: Family, params: Mapping[str, Any], values: Mapping[str, Any]) -> None:
    """Raise :class:`CrossCheckError` naming the part when a key disagrees with ``numeric.py``."""
    computed = [p for p in family.parts if p.kind not in UNCOMPUTED_KINDS]
    if not computed:
        return
    numeric = family.numeric(params)
    scale = _scale(numeric)
    shown = {k: formatting.exact_string(v) for k, v in params.items()}
    for part in computed:
        if part.id not in numeric:
            raise CrossCheckError(f"numeric.py gives no value for part {part.id}", where=family.id)
        key, check = values[part.answer], numeric[part.id]
        if part.kind == "expression":
            ok = same_expression(key, check, part.symbols, part.domains_in(values))
        elif part.kind == "constraint":
            ok = bool(check(formatting.number(key)))
        elif part.kind in COUNT_KINDS:
            ok = _equal(key, check)
        else:
            ok = _close(key, check, scale)
        if not ok:
            raise CrossCheckError(
                f"part {part.id}: sympy key {formatting.exact_string(key)} disagrees with the "
                f"numeric path {check!r} for params {shown}",
                where=family.id,
            )
