"""One example (x, y) for a linear classifier f(x) = w.x trained with L(z) = exp(-z), z = y f(x).

The BITS question is symbolic (N points in R^d, derive the SGD update); SOURCE is a worked instance
in R^3 of a misclassified example (z = -1), which the question states with numbers. Variants draw
the weights in tenths (the source's are whole numbers), so the margin takes 60 values with
0 < |z| <= 3 and exp(-z) stays a one-key calculator value; z = 0 (the example on the decision
boundary, L = 1) and x = 0 (a zero gradient) are rejected.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from generator.params import Choice, Decimal, Integer, Rational, Vector

MAX_MARGIN = 3

PARAMS = (
    Vector("w", length=3, element=Decimal("w", -2, 2, digits=1), doc="current weights"),
    Vector("x", length=3, element=Integer("x", -2, 2), doc="input of the example"),
    Choice("y", (-1, 1), doc="label of the example"),
    Rational("eta", 0, 1, denominators=(2, 4, 10), doc="learning rate"),
)

SOURCE = {"w": "[1, -1, 2]", "x": "[1, 2, 1]", "y": -1, "eta": "1/2"}


def margin(p: dict[str, Any]) -> Any:
    return p["y"] * sum(wi * xi for wi, xi in zip(p["w"], p["x"], strict=True))


def constraints(p: dict[str, Any]) -> list[str]:
    problems = []
    if all(xi == 0 for xi in p["x"]):
        problems.append("x = 0 gives a zero gradient")
    elif margin(p) == 0:
        problems.append("z = 0 puts the example on the decision boundary: the loss is exactly 1")
    if not 0 < p["eta"] <= 1:
        problems.append("the learning rate must lie in (0, 1]")
    if abs(margin(p)) > MAX_MARGIN:
        problems.append(f"|z| > {MAX_MARGIN}: exp(-z) is not a friendly value")
    return problems


def sample(rng: np.random.Generator) -> dict[str, Any]:
    """Draw until |z| != 1: the source's z = -1 stays valid, but a variant's margin of exactly
    ±1 would be an answer guessed without working."""
    while True:
        drawn = {param.name: param.sample(rng) for param in PARAMS}
        if abs(margin(drawn)) != 1:
            return drawn
