"""One-dimensional searches for the families' numeric paths.

A numeric path must not reuse the sympy solution, so when a key is a threshold (the largest
learning rate that converges) or a minimiser (the fastest rate), the numeric side finds it by
plain bisection or ternary search on a float function. Shared here so every family searches the
same, tested way.
"""

from __future__ import annotations

from collections.abc import Callable

ITERATIONS = 100  # halves (or two-thirds) the bracket 100 times: far below float resolution


def bisect(predicate: Callable[[float], bool], lo: float, hi: float) -> float:
    """The point where ``predicate`` switches from False (at ``lo``) to True (at ``hi``)."""
    for _ in range(ITERATIONS):
        mid = (lo + hi) / 2
        lo, hi = (lo, mid) if predicate(mid) else (mid, hi)
    return (lo + hi) / 2


def argmin(g: Callable[[float], float], lo: float, hi: float) -> float:
    """Ternary search: the minimiser of a function that is convex (unimodal) on [lo, hi]."""
    for _ in range(ITERATIONS):
        m1, m2 = lo + (hi - lo) / 3, hi - (hi - lo) / 3
        lo, hi = (lo, m2) if g(m1) < g(m2) else (m1, hi)
    return (lo + hi) / 2
