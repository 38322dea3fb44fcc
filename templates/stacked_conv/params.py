"""Kernel sizes of the two layers and the number of kernels per layer in the widened network g."""

from __future__ import annotations

from typing import Any

import numpy as np

from generator.params import Choice, Integer

PARAMS = (
    Integer("k1", 1, 7, doc="kernel size of the first layer (k1 x k1)"),
    Integer("k2", 1, 7, doc="kernel size of the second layer (k2 x k2)"),
    Integer("kernels", 2, 8, doc="kernels per layer in the widened network g"),
    Choice("bias", ("none", "bias"), doc="whether every convolution of g adds a scalar bias"),
)

SOURCE = {"k1": 3, "k2": 3, "kernels": 4, "bias": "none"}


def constraints(p: dict[str, Any]) -> list[str]:
    problems = []
    if min(p["k1"], p["k2"]) < 2:
        problems.append("a 1x1 kernel makes the layer a mere scaling")
    return problems


def sample(rng: np.random.Generator) -> dict[str, Any]:
    return {
        "k1": int(rng.integers(2, 6)),
        "k2": int(rng.integers(2, 6)),
        "kernels": int(rng.integers(2, 7)),
        "bias": ("none", "bias")[int(rng.integers(2))],
    }
