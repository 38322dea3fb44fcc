"""A length-3 input, a length-2 kernel and a learning rate, with no tie in the max-pool."""

from __future__ import annotations

from typing import Any

import numpy as np

from generator.params import Integer, Rational, Vector

PARAMS = (
    Vector("x", length=3, element=Integer("x", -3, 3), doc="input feature map"),
    Vector("w", length=2, element=Integer("w", -2, 2), doc="convolution kernel"),
    Rational("lr", 0, 2, denominators=(1, 2, 4, 10), doc="SGD learning rate alpha"),
)

SOURCE = {"x": "[2, 1, 2]", "w": "[1, 0]", "lr": "1/2"}
LEARNING_RATES = ("1/4", "1/2", "1")


def constraints(p: dict[str, Any]) -> list[str]:
    x, w = p["x"], p["w"]
    z = [w[0] * x[i] + w[1] * x[i + 1] for i in range(2)]
    problems = []
    if z[0] == z[1]:
        problems.append("the two conv outputs tie, so the max-pool gradient is ambiguous")
    window = x[0:2] if z[0] > z[1] else x[1:3]
    if all(v == 0 for v in window):
        problems.append("the input under the maximum is zero: the kernel gradient vanishes")
    if p["lr"] <= 0:
        problems.append("the learning rate must be positive")
    return problems


def sample(rng: np.random.Generator) -> dict[str, Any]:
    w = [0, 0]
    while w == [0, 0]:
        w = rng.integers(-2, 3, size=2).tolist()
    return {
        "x": rng.integers(-3, 4, size=3).tolist(),
        "w": w,
        "lr": LEARNING_RATES[int(rng.integers(len(LEARNING_RATES)))],
    }
