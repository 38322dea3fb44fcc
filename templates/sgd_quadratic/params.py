"""A 1-D quadratic f(w) = a w^2 + c and a 2-D one f(w) = 1/2 ((w1 x1)^2 + (w2 x2)^2).

The 2-D example x holds square roots of small integers, so the curvatures x_i^2 are integers and
every boundary (2 / x_i^2, 2 / (x_1^2 + x_2^2)) is a fraction a student finds by hand.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import sympy

from generator.params import Integer, Rational, Real, Vector

CURVATURES = (1, 2, 3, 4, 5, 6, 8)
PARAMS = (
    Rational("a", 0, 6, denominators=(1, 2, 4), doc="coefficient of w^2 in the 1-D f"),
    Integer("c", -5, 5, doc="constant term of the 1-D f (does not affect the steps)"),
    Vector(
        "x",
        length=2,
        element=Real("x", values=tuple(f"sqrt({s})" for s in CURVATURES)),
        doc="the training example of the 2-D f",
    ),
)
SOURCE = {"a": 3, "c": -1, "x": "[sqrt(3), 1]"}
FRIENDLY_A = ("1/4", "1/2", "1", "3/2", "2", "5/2", "3", "4", "5")


def constraints(p: dict[str, Any]) -> list[str]:
    problems = []
    if p["a"] <= 0:
        problems.append("a must be positive: otherwise f has no minimum and nothing converges")
    if any(v == 0 for v in p["x"]):
        problems.append("each x_i must be non-zero: otherwise that weight never moves")
    return problems


def sample(rng: np.random.Generator) -> dict[str, Any]:
    first, second = rng.choice(CURVATURES, size=2, replace=False)
    return {
        "a": FRIENDLY_A[int(rng.integers(len(FRIENDLY_A)))],
        "c": int(rng.integers(-5, 6)),
        "x": [sympy.sqrt(int(first)), sympy.sqrt(int(second))],
    }
