"""A density p(y | x, w, b): Laplace or Gaussian around w x +- b, or exponential with rate x w / s.

The scale s is the Laplace scale, the Gaussian variance, and divides the exponential rate; small
fractions and integers keep the objective printable and its key a short expression.
"""

from __future__ import annotations

from generator.params import Choice, Rational

PARAMS = (
    Choice("density", ("laplace", "exponential", "gaussian"), doc="the model's density"),
    Rational("s", 1, 4, denominators=(1, 2), doc="Laplace scale, Gaussian variance, rate divisor"),
    Choice("sign", (1, -1), doc="the bias enters the residual as w x + sign * b - y"),
)
# VIR 2021 Q1: p(y | x, w) = 1/2 exp(-|w x - b - y|).
SOURCE = {"density": "laplace", "s": 1, "sign": -1}
