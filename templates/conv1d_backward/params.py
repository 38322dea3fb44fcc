"""A length-3 input, a length-2 kernel and a learning rate, with no tie in the max-pool."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np

from generator.params import Integer, Rational, Vector

PARAMS = (
    Vector("x", length=3, element=Integer("x", -6, 6), doc="input feature map"),
    Vector("w", length=2, element=Integer("w", -3, 3), doc="convolution kernel"),
    Rational("lr", 0, 2, denominators=(1, 2, 4, 10), doc="SGD learning rate alpha"),
)

SOURCE = {"x": "[2, 1, 2]", "w": "[1, 0]", "lr": "1/2"}
LEARNING_RATES = ("1/10", "1/4", "1/2", "1")


def _conv(x: list[Any], w: list[Any]) -> list[Any]:
    return [w[0] * x[i] + w[1] * x[i + 1] for i in range(2)]


def constraints(p: dict[str, Any]) -> list[str]:
    x, w = p["x"], p["w"]
    z = _conv(x, w)
    problems = []
    if z[0] == z[1]:
        problems.append("the two conv outputs tie, so the max-pool gradient is ambiguous")
    window = x[0:2] if z[0] > z[1] else x[1:3]
    if all(v == 0 for v in window):
        problems.append("the input under the maximum is zero: the kernel gradient vanishes")
    if p["lr"] <= 0:
        problems.append("the learning rate must be positive")
    return problems


def _parts_coincide(x: list[int], w: list[int], lr: str) -> bool:
    """Whether a key repeats another one or the SGD step lands on the zero kernel.

    The source's gradient (2, 1) equals its z, so this is no constraint; the sampler avoids it
    so that copying (b) into (d) does not score.
    """
    z = _conv(x, w)
    if z[0] == z[1]:
        return False  # a tie, rejected by constraints()
    grad = x[0:2] if z[0] > z[1] else x[1:3]
    w_new = [wj - Fraction(lr) * gj for wj, gj in zip(w, grad, strict=True)]
    return grad == z or w_new in ([0, 0], grad, z)


def sample(rng: np.random.Generator) -> dict[str, Any]:
    """Draw until no part's key equals another's and the stepped kernel is not zero."""
    while True:
        w = [0, 0]
        while w == [0, 0]:
            w = rng.integers(-3, 4, size=2).tolist()
        x = rng.integers(-6, 7, size=3).tolist()
        lr = LEARNING_RATES[int(rng.integers(len(LEARNING_RATES)))]
        if not _parts_coincide(x, w, lr):
            return {"x": x, "w": w, "lr": lr}
