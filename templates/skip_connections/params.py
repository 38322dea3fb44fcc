"""A ReLU unit with and without a skip connection, then two residual blocks (TUM I2DL).

The first half evaluates dy/dx at a small weight w (the source's 0.001) to show that the skip
keeps the gradient near 1; the second asks dz/dw_k through two residual blocks for one weight k.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from generator.params import Choice, Decimal

# Small weights w = k/1000 < 0.1, where the plain unit's gradient has visibly vanished.
SMALL_WEIGHTS = tuple(f"{k / 1000:.3f}" for k in range(1, 100))
WEIGHTS = ("w0", "w1", "w2", "w3")

PARAMS = (
    Decimal("omega", 0.001, 0.5, digits=3, doc="the small weight w at which dy/dx is evaluated"),
    Choice("wrt", WEIGHTS, doc="the weight of the residual network to differentiate z by"),
)

# TUM Problem 6 c) (w = 0.001) and TUM SS? Problem e) (dz/dw0).
SOURCE = {"omega": "0.001", "wrt": "w0"}


def constraints(p: dict[str, Any]) -> list[str]:
    if p["omega"] <= 0:
        return ["w must be positive so that y = max(w x, 0) > 0 for x > 0"]
    return []


def sample(rng: np.random.Generator) -> dict[str, Any]:
    return {
        "omega": SMALL_WEIGHTS[int(rng.integers(len(SMALL_WEIGHTS)))],
        "wrt": WEIGHTS[int(rng.integers(len(WEIGHTS)))],
    }
