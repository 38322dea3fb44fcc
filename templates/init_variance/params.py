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


CONV_CHANNELS = (1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64)
FILTERS = (4, 8, 12, 16, 24, 32, 48, 64, 96, 128)
UNITS = (32, 50, 64, 100, 128, 200, 256, 300, 500, 512, 1000, 1024)


def constraints(p: dict[str, Any]) -> list[str]:
    fan_in = (
        p["height"] ** 2 * p["channels"] if p["layer"] == "fc" else p["kernel"] ** 2 * p["channels"]
    )
    fan_out = p["units"] if p["layer"] == "fc" else p["kernel"] ** 2 * p["units"]
    if fan_out == 2 * fan_in:
        return [
            "a fan-out twice the fan-in makes the Glorot bound sqrt(6/(n_in + n_out)) equal the "
            "He standard deviation sqrt(2/n_in): change the number of units"
        ]
    return []


def sample(rng: np.random.Generator) -> dict[str, Any]:
    layer = ("fc", "conv")[int(rng.integers(2))]
    return {
        "layer": layer,
        "height": int(rng.integers(6, 65)),
        "channels": int(rng.choice((1, 3) if layer == "fc" else CONV_CHANNELS)),
        "units": int(rng.choice(UNITS if layer == "fc" else FILTERS)),
        "kernel": int(rng.choice((3, 5, 7))),
    }
