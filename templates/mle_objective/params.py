"""A density p(y | x, w, b): Laplace or Gaussian around w x +- b, or exponential with rate x w / s.

The scale s is the Laplace scale, the Gaussian variance, and divides the exponential rate; small
fractions and integers keep the objective printable and its key a short expression.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from generator.params import Choice, Rational

PARAMS = (
    Choice("density", ("laplace", "exponential", "gaussian"), doc="the model's density"),
    Rational(
        "s", 0, 5, denominators=(1, 2, 3, 4), doc="Laplace scale, Gaussian variance, rate divisor"
    ),
    Choice("sign", (1, -1), doc="the bias enters the residual as w x + sign * b - y"),
)
# VIR 2021 Q1: p(y | x, w) = 1/2 exp(-|w x - b - y|).
SOURCE = {"density": "laplace", "s": 1, "sign": -1}

DENSITIES = ("laplace", "exponential", "gaussian")
SCALES = ("1/4", "1/3", "1/2", "2/3", "3/4", "1", "3/2", "2", "5/2", "3", "4", "5")


def constraints(p: dict[str, Any]) -> list[str]:
    return [] if p["s"] > 0 else ["the scale s must be positive"]


def sample(rng: np.random.Generator) -> dict[str, Any]:
    """Twelve simple scales: every one changes the objective's key."""
    return {
        "density": DENSITIES[int(rng.integers(len(DENSITIES)))],
        "s": SCALES[int(rng.integers(len(SCALES)))],
        "sign": (1, -1)[int(rng.integers(2))],
    }
