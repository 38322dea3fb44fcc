"""Independent path: run one gradient step (finite-difference gradient) and measure rho = w1/w0.

Boundaries of the learning-rate sets are found by bisection on the measured rho, and the best
learning rates by ternary search on |rho| (1-D) and max |rho_i| (2-D), both convex in alpha. Plain
floats rather than numpy arrays keep the thousands of tiny steps fast.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from generator.search import argmin, bisect

STEP = 1e-4
FAR = 1e3


def _step_factors(f: Callable[[list[float]], float], dims: int, alpha: float) -> list[float]:
    """Per-dimension factor w1/w0 of one step from w0 = (1, ..., 1) (f is separable)."""
    factors = []
    for i in range(dims):
        plus = [1.0 + STEP if j == i else 1.0 for j in range(dims)]
        minus = [1.0 - STEP if j == i else 1.0 for j in range(dims)]
        gradient = (f(plus) - f(minus)) / (2 * STEP)
        factors.append(1.0 - alpha * gradient)
    return factors


def numeric(p: dict[str, Any]) -> dict[str, Any]:
    a, c = p["a"], p["c"]
    x1, x2 = p["x"]

    def rho1(alpha: float) -> float:
        return _step_factors(lambda w: a * w[0] ** 2 + c, 1, alpha)[0]

    def worst2(alpha: float) -> float:
        factors = _step_factors(lambda w: ((w[0] * x1) ** 2 + (w[1] * x2) ** 2) / 2, 2, alpha)
        return max(abs(r) for r in factors)

    diverges_from = bisect(lambda al: abs(rho1(al)) > 1, 0.0, FAR / a)
    best2 = argmin(worst2, 0.0, FAR)
    return {
        "a": [[0.0, diverges_from]],
        "b": [[bisect(lambda al: rho1(al) < 0, 0.0, FAR / a), None]],
        "c": [[diverges_from, None]],
        "d": argmin(lambda al: abs(rho1(al)), 0.0, FAR / a),
        "f": [[0.0, bisect(lambda al: worst2(al) >= 1, 0.0, FAR)]],
        "g": best2,
        "h": worst2(best2),
    }
