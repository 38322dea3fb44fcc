"""Independent path: finite-difference gradient of E in q, one step from q = 1 gives rho(eta).

The convergence boundary is found by bisection on |rho| and the fastest rate by ternary search on
|rho| (convex in eta); p and r are held fixed, as the surface is separable.
"""

from __future__ import annotations

from typing import Any

from generator.search import argmin, bisect

STEP = 1e-4
FAR = 1e3


def numeric(p: dict[str, Any]) -> dict[str, Any]:
    n, a, b, c, d = (float(p[k]) for k in ("p_power", "a", "b", "c", "d"))

    def error(pp: float, q: float, r: float) -> float:
        return a * pp**n + b * q**2 + c * r + d

    slope = (error(0.5, 1.0 + STEP, 0.0) - error(0.5, 1.0 - STEP, 0.0)) / (2 * STEP)

    def rho(eta: float) -> float:
        return 1.0 - eta * slope

    return {
        "d": [[0.0, bisect(lambda eta: abs(rho(eta)) > 1, 0.0, FAR)]],
        "e": argmin(lambda eta: abs(rho(eta)), 0.0, FAR),
    }
