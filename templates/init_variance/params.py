"""A fully connected layer on a flattened image, or a k x k convolution layer."""

from __future__ import annotations

from typing import Any

import numpy as np

from generator.params import Choice, Integer

PARAMS = (
    Choice("layer", ("fc", "conv"), doc="fully connected on a flattened image, or convolution"),
    Integer("height", 1, 512, doc="fc: image height = width"),
    Integer("channels", 1, 512, doc="input channels"),
    Integer("units", 1, 4096, doc="fc: number of neurons; conv: number of filters"),
    Choice("kernel", (1, 3, 5, 7), doc="conv: filter size k"),
)
SOURCE = {"layer": "fc", "height": 50, "channels": 1, "units": 1024, "kernel": 3}


def sample(rng: np.random.Generator) -> dict[str, Any]:
    layer = ("fc", "conv")[int(rng.integers(2))]
    return {
        "layer": layer,
        "height": int(rng.choice((8, 10, 16, 20, 28, 32, 50))),
        "channels": int(rng.choice((1, 3) if layer == "fc" else (1, 3, 8, 16, 32, 64))),
        "units": int(rng.choice((64, 100, 128, 256, 500, 512, 1000, 1024))),
        "kernel": int(rng.choice((3, 5, 7))),
    }
