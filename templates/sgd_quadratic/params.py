"""A 1-D quadratic f(w) = a w^2 + c and a 2-D one f(w) = 1/2 ((w1 x1)^2 + (w2 x2)^2).

The 2-D example x holds square roots of small integers, so the curvatures x_i^2 are integers and
every boundary (2 / x_i^2, 2 / (x_1^2 + x_2^2)) is a fraction a student finds by hand.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import sympy

from generator.params import Integer, Rational, Real, Vector

CURVATURES = tuple(range(1, 17))  # x_i = sqrt(s): the curvature x_i^2 = s is an integer
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
# 1/a and 1/(2a) stay fractions a student writes down; a = 1/2 would make alpha* = 1.
FRIENDLY_A = (
    "1/4",
    "3/4",
    *(f"{k}/2" for k in range(3, 21)),
    *(str(k) for k in range(11, 46)),
)
ATTEMPTS = 200


def constraints(p: dict[str, Any]) -> list[str]:
    problems = []
    if p["a"] <= 0:
        problems.append("a must be positive: otherwise f has no minimum and nothing converges")
    if any(v == 0 for v in p["x"]):
        problems.append("each x_i must be non-zero: otherwise that weight never moves")
    return problems


def sample(rng: np.random.Generator) -> dict[str, Any]:
    """No two of the 1-D alpha*, the 2-D alpha* and the 2-D rate coincide (with curvatures that
    differ by 2 the rate (L - m)/(L + m) equals alpha* = 2/(L + m), for instance)."""
    params: dict[str, Any] = {}
    for _ in range(ATTEMPTS):
        first, second = (int(v) for v in rng.choice(CURVATURES, size=2, replace=False))
        params = {
            "a": FRIENDLY_A[int(rng.integers(len(FRIENDLY_A)))],
            "c": int(rng.integers(-5, 6)),
            "x": [sympy.sqrt(first), sympy.sqrt(second)],
        }
        big, small = max(first, second), min(first, second)
        keys = {1 / (2 * sympy.Rational(params["a"])), sympy.Rational(2, big + small)}
        keys.add(sympy.Rational(big - small, big + small))
        if len(keys) == 3:
            break
    return params
