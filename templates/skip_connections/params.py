"""A ReLU unit with and without a skip connection, then two residual blocks (TUM I2DL).

The unit is the source's max(w x, 0) or a stack of two or three such layers sharing w, so the
plain unit's gradient is w, w^2 or w^3 and the skip adds 1 to it.

The first half evaluates dy/dx at a small weight w (the source's 0.001) to show that the skip
keeps the gradient near 1; the second asks dz/dw_k through two residual blocks for one weight k.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from generator.params import Choice, Decimal, Integer

# Small weights where the plain unit's gradient w^L has visibly vanished, with few enough digits
# that w^L + 1 is still a decimal a student writes: thousandths for one layer, hundredths for
# two, tenths for three.
WEIGHTS_BY_LAYERS = {
    1: tuple(f"{k / 1000:.3f}" for k in range(1, 100)),
    2: tuple(f"{k / 100:.2f}" for k in range(1, 11)),
    3: tuple(f"{k / 10:.1f}" for k in range(1, 6)),
}
WEIGHTS = ("w0", "w1", "w2", "w3")

PARAMS = (
    Decimal("omega", 0.001, 0.5, digits=3, doc="the small weight w at which dy/dx is evaluated"),
    Choice("wrt", WEIGHTS, doc="the weight of the residual network to differentiate z by"),
    Integer("layers", 1, 3, doc="ReLU layers (sharing the weight w) inside the unit of parts a-d"),
)

# TUM Problem 6 c) (w = 0.001) and TUM SS? Problem e) (dz/dw0).
SOURCE = {"omega": "0.001", "wrt": "w0", "layers": 1}


def constraints(p: dict[str, Any]) -> list[str]:
    problems = []
    if p["omega"] <= 0:
        problems.append("w must be positive so that y = max(w x, 0) > 0 for x > 0")
    if not 1 <= p["layers"] <= 3:
        problems.append("the unit has 1 to 3 layers")
    return problems


def sample(rng: np.random.Generator) -> dict[str, Any]:
    """A unit of 1 to 3 layers: dy/dx = w^L without the skip and w^L + 1 with it."""
    layers = int(rng.integers(1, 4))
    weights = WEIGHTS_BY_LAYERS[layers]
    return {
        "omega": weights[int(rng.integers(len(weights)))],
        "wrt": WEIGHTS[int(rng.integers(len(WEIGHTS)))],
        "layers": layers,
    }
