"""Keras: Conv1D(F, K) on a length-L sequence of C features -> BatchNormalization -> Flatten ->
Dense(units). Stride 1; the padding is stated ("valid", the Keras default, gives L - K + 1 steps;
"same" keeps L). BatchNormalization has gamma and beta (trainable) and a moving mean and variance
(non-trainable) per channel.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from generator.params import Choice, Integer

PARAMS = (
    Integer("length", 10, 1000, doc="sequence length L"),
    Integer("features", 1, 16, doc="features per time step C"),
    Integer("filters", 1, 512, doc="Conv1D filters F"),
    Choice("kernel", (2, 3, 4, 5, 7), doc="Conv1D kernel size K"),
    Choice("padding", ("valid", "same"), doc="Conv1D padding"),
    Integer("units", 1, 1024, doc="units of the Dense layer"),
)
SOURCE = {
    "length": 100,
    "features": 1,
    "filters": 64,
    "kernel": 3,
    "padding": "valid",
    "units": 128,
}


def constraints(p: dict[str, Any]) -> list[str]:
    if p["kernel"] > p["length"]:
        return ["the kernel is longer than the sequence"]
    return []


def sample(rng: np.random.Generator) -> dict[str, Any]:
    return {
        "length": int(rng.choice((20, 24, 30, 32, 48, 50, 60, 64, 100, 128))),
        "features": int(rng.choice((1, 1, 2, 3, 4, 5))),
        "filters": 4 * int(rng.integers(2, 65)),  # 8 to 256 filters, multiples of 4
        "kernel": int(rng.choice((2, 3, 3, 5, 7))),
        "padding": "valid" if rng.random() < 0.6 else "same",
        "units": int(rng.choice((10, 16, 32, 64, 100, 128))),
    }
