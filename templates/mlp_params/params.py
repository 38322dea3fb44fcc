"""d inputs, L hidden layers of n units each, and one output unit (binary or scalar target)."""

from __future__ import annotations

from typing import Any

import numpy as np

from generator.params import Choice, Integer

PARAMS = (
    Integer("inputs", 1, 1000, doc="input dimension d"),
    Integer("layers", 1, 20, doc="number of hidden layers L"),
    Integer("width", 1, 512, doc="units per hidden layer n"),
    Choice("target", ("binary", "scalar"), doc="what the single output unit predicts"),
)
SOURCE = {"inputs": 30, "layers": 7, "width": 8, "target": "binary"}


def constraints(p: dict[str, Any]) -> list[str]:
    if p["layers"] < 2:
        return ["use at least two hidden layers so that a hidden-to-hidden layer exists"]
    if p["inputs"] == p["width"]:
        return ["make the input size differ from the hidden width, or parts a and b coincide"]
    return []


def sample(rng: np.random.Generator) -> dict[str, Any]:
    return {
        "inputs": int(rng.integers(2, 201)),
        "layers": int(rng.integers(2, 11)),
        "width": int(rng.integers(3, 101)),
        "target": "binary" if rng.random() < 0.5 else "scalar",
    }
