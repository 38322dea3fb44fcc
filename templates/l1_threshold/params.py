"""L1-regularized quadratic per coordinate: when is the minimiser exactly zero?

DSECLZG524 mid-sem 2021 (makeup) Q4: minimise L(theta_i) = H_ii (theta_i - theta_i*)^2
+ alpha |theta_i| with H_ii > 0; find the smallest alpha making every theta_i^R = 0. The source
is symbolic; SOURCE keeps its form (no 1/2 in front of H) and adds a three-coordinate example with
numbers for the computed parts. ``form`` = half puts 1/2 in front of H, the textbook form whose
threshold H|theta*| the seed prints for the form without it.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import sympy

from generator.params import Choice, Integer, Rational, Vector

COORDINATES = 3

PARAMS = (
    Choice("form", ("full", "half"), doc="full: H(theta - theta*)^2; half: (1/2) H(...)^2"),
    Vector("H", length=COORDINATES, element=Integer("H", 1, 10), doc="diagonal curvatures H_ii"),
    Vector(
        "theta_star",
        length=COORDINATES,
        element=Rational("theta_star", -6, 6, denominators=(1, 2)),
        doc="unregularized optimum theta*",
    ),
    Rational("alpha", 0, 40, denominators=(1, 2), doc="L1 weight alpha"),
)
SOURCE = {"form": "full", "H": "[1, 2, 4]", "theta_star": "[3, -1/2, 1]", "alpha": "4"}


def _factor(form: str) -> float:
    return 1.0 if form == "full" else 0.5


def constraints(p: dict[str, Any]) -> list[str]:
    problems = []
    pairs = zip(p["H"], p["theta_star"], strict=True)
    thresholds = [2 * _factor(p["form"]) * h * abs(t) for h, t in pairs]
    if any(t == 0 for t in p["theta_star"]):
        problems.append("a theta* is 0: its coordinate is 0 for every alpha")
    if p["alpha"] <= 0:
        problems.append("alpha must be positive")
    if any(abs(p["alpha"] - t) < 1e-12 for t in thresholds):
        problems.append("alpha equals a coordinate's threshold exactly: pick another alpha")
    zeroed = sum(bool(p["alpha"] > t) for t in thresholds)
    if zeroed in (0, COORDINATES):
        problems.append("alpha should zero some coordinates and shrink others")
    return problems


def sample(rng: np.random.Generator) -> dict[str, Any]:
    """Curvatures 1..9, optima in halves, alpha an integer: the shrunk values stay simple."""
    halves = [k for k in range(-12, 13) if k != 0]
    return {
        "form": "full" if rng.random() < 0.5 else "half",
        "H": [sympy.Integer(int(v)) for v in rng.integers(1, 10, size=COORDINATES)],
        "theta_star": [sympy.Rational(int(rng.choice(halves)), 2) for _ in range(COORDINATES)],
        "alpha": sympy.Integer(int(rng.integers(1, 31))),
    }
