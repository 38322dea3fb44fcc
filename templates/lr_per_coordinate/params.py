"""E(p, q, r) = a p^n + b q^2 + c r + d with n = 3 (the source) or 2 (p converges too).

All coefficients are integers, so every learning rate (1/b, 1/(2b)) is a simple fraction; b ranges
up to 60 so that parts (d) and (e) take many values.
"""

from __future__ import annotations

from typing import Any

from generator.params import Choice, Integer

PARAMS = (
    Choice("p_power", (3, 2), doc="exponent of p: 3 makes E unbounded below in p"),
    Integer("a", 1, 6, doc="coefficient of p^n"),
    Integer("b", 1, 60, doc="coefficient of q^2 (its learning rates 1/b, 1/(2b) are the keys)"),
    Integer("c", -6, 6, doc="coefficient of r (constant gradient)"),
    Integer("d", -9, 9, doc="constant term (does not affect the steps)"),
)
SOURCE = {"p_power": 3, "a": 3, "b": 3, "c": 4, "d": 5}


def constraints(p: dict[str, Any]) -> list[str]:
    problems = []
    if p["a"] <= 0:
        problems.append("a must be positive: the p term must be a bowl (n = 2) or a true cubic")
    if p["b"] <= 0:
        problems.append("b must be positive: otherwise q has no minimum and part (d) is empty")
    if p["c"] == 0:
        problems.append("c must be non-zero: otherwise r does not appear in E")
    return problems
