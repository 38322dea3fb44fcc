"""One example (x, y) for a linear classifier f(x) = w.x trained with L(z) = exp(-z), z = y f(x).

The BITS question is symbolic (N points in R^d, derive the SGD update); SOURCE is a worked instance
in R^3 of a misclassified example (z = -1), which the question states with numbers. Variants keep
|z| <= 2 so exp(-z) is a one-key calculator value, and x is never zero (a zero gradient).
"""

from __future__ import annotations

from typing import Any

from generator.params import Choice, Integer, Rational, Vector

MAX_MARGIN = 2

PARAMS = (
    Vector("w", length=3, element=Integer("w", -2, 2), doc="current weights"),
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
    if not 0 < p["eta"] <= 1:
        problems.append("the learning rate must lie in (0, 1]")
    if abs(margin(p)) > MAX_MARGIN:
        problems.append(f"|z| > {MAX_MARGIN}: exp(-z) is not a friendly value")
    return problems
