"""A Keras dense stack: d inputs, three hidden Dense layers of any widths, an output Dense layer;
each layer with or without bias (``use_bias=False``), as in the BITS questions. mlp_params covers
equal widths with biases everywhere; this family lets every layer differ.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from generator.params import Integer, Vector

LAYERS = 4  # three hidden layers and the output layer
PARAMS = (
    Integer("inputs", 1, 4096, doc="input dimension d"),
    Vector("hidden", length=3, element=Integer("hidden", 1, 1024), doc="hidden widths"),
    Integer("outputs", 1, 100, doc="units of the output layer"),
    Vector("bias", length=LAYERS, element=Integer("bias", 0, 1), doc="1: the layer has biases"),
)
SOURCE = {"inputs": 50, "hidden": "[64, 128, 256]", "outputs": 1, "bias": "[1, 1, 1, 1]"}
INPUTS = (10, 20, 30, 50, 64, 100, 784, 768)
WIDTHS = (8, 10, 16, 20, 30, 32, 50, 60, 64, 100, 120, 128, 256)
OUTPUTS = (1, 1, 2, 3, 5, 10)


def constraints(p: dict[str, Any]) -> list[str]:
    if len(set(p["hidden"])) == 1:
        return ["equal hidden widths: that is the mlp_params question"]
    return []


def sample(rng: np.random.Generator) -> dict[str, Any]:
    return {
        "inputs": int(rng.choice(INPUTS)),
        "hidden": [int(w) for w in rng.choice(WIDTHS, size=3)],
        "outputs": int(rng.choice(OUTPUTS)),
        "bias": [int(rng.random() < 0.7) for _ in range(LAYERS)],
    }
