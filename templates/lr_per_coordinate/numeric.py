"""Independent path: finite-difference gradient of E in q, one step from q = 1 gives rho(eta).

The convergence boundary is found by bisection on |rho| and the fastest rate by ternary search on
|rho| (convex in eta); p and r are held fixed, as the surface is separable.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

STEP = 1e-4
ITERATIONS = 100
FAR = 1e3


def _bisect(predicate: Callable[[float], bool], lo: float, hi: float) -> float:
    """The point where ``predicate`` switches from False (at lo) to True (at hi)."""
    for _ in range(ITERATIONS):
        mid = (lo + hi) / 2
        lo, hi = (lo, mid) if predicate(mid) else (mid, hi)
    return (lo + hi) / 2


def _argmin(g: Callable[[float], float], lo: float, hi: float) -> float:
    """Ternary search: the minimiser of a convex function on [lo, hi]."""
    for _ in range(ITERATIONS):
        m1, m2 = lo + (hi - lo) / 3, hi - (hi - lo) / 3
        lo, hi = (lo, m2) if g(m1) < g(m2) else (m1, hi)
    return (lo + hi) / 2


def numeric(p: dict[str, Any]) -> dict[str, Any]:
    n, a, b, c, d = (float(p[k]) for k in ("p_power", "a", "b", "c", "d"))

    def error(pp: float, q: float, r: float) -> float:
        return a * pp**n + b * q**2 + c * r + d

    slope = (error(0.5, 1.0 + STEP, 0.0) - error(0.5, 1.0 - STEP, 0.0)) / (2 * STEP)

    def rho(eta: float) -> float:
        return 1.0 - eta * slope

    return {
        "d": [[0.0, _bisect(lambda eta: abs(rho(eta)) > 1, 0.0, FAR)]],
        "e": _argmin(lambda eta: abs(rho(eta)), 0.0, FAR),
    }
