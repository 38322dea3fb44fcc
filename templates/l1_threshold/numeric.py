"""Independent path: the objective measured, never the soft-thresholding formula.

Minimiser: on each side of 0 the objective is a parabola; three samples fit it exactly
(np.polyfit), its vertex is a candidate if it lies on that side; 0 is the third candidate; the
smallest objective value wins. Threshold: 0 is optimal iff alpha covers the slope of the smooth
part at 0, measured by central differences.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from generator.finite_differences import derivative


def _smooth(k: float, h: float, t: float) -> Callable[[float], float]:
    return lambda theta: k * h * (theta - t) ** 2


def _minimiser(k: float, h: float, t: float, alpha: float) -> float:
    def objective(theta: float) -> float:
        return _smooth(k, h, t)(theta) + alpha * abs(theta)

    candidates = [0.0]
    for side in (1.0, -1.0):
        samples = side * np.array([1.0, 2.0, 3.0])
        a, b, _ = np.polyfit(samples, [objective(s) for s in samples], 2)
        vertex = -b / (2 * a)
        if side * vertex > 0:
            candidates.append(float(vertex))
    return min(candidates, key=objective)


def numeric(p: dict[str, Any]) -> dict[str, Any]:
    k = 1.0 if p["form"] == "full" else 0.5
    coords = list(zip(p["H"], p["theta_star"], strict=True))

    def threshold(H: float, theta: float) -> float:
        return abs(derivative(_smooth(k, H, theta), 0.0))

    return {
        "a": threshold,
        "b": [_minimiser(k, h, t, p["alpha"]) for h, t in coords],
        "c": max(threshold(h, t) for h, t in coords),
    }
