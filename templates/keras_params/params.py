"""A Keras Sequential CNN: four Conv2D [+ BatchNormalization] + MaxPooling2D((2, 2)) blocks,
Flatten, Dense(units, relu) [+ Dropout], Dense(classes).

Keras semantics, stated in the question: Conv2D with padding "valid" shrinks H to H - K + 1 and
"same" keeps H; MaxPooling2D((2, 2)) uses stride 2 and drops an odd last row (floor(H / 2)); a
BatchNormalization layer has 4 C parameters, of which the moving mean and variance (2 C) are
non-trainable; Dropout, pooling and Flatten have none.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from generator.params import Choice, Decimal, Integer, Vector

BLOCKS = 4
PARAMS = (
    Integer("size", 16, 256, doc="input height = width"),
    Choice("channels", (1, 3), doc="input channels (grayscale or RGB)"),
    Choice("kernel", (3, 5), doc="Conv2D kernel size K"),
    Choice("padding", ("valid", "same"), doc="Conv2D padding"),
    Vector("filters", length=BLOCKS, element=Integer("filters", 1, 512), doc="Conv2D filters"),
    Choice("batchnorm", ("no", "yes"), doc="BatchNormalization after every Conv2D"),
    Integer("units", 1, 1024, doc="units of the hidden Dense layer"),
    Decimal("dropout", 0, 0.5, digits=2, doc="Dropout rate after the hidden Dense (0: none)"),
    Integer("classes", 2, 100, doc="units of the output Dense layer"),
)
SOURCE = {
    "size": 100,
    "channels": 1,
    "kernel": 5,
    "padding": "valid",
    "filters": "[32, 32, 64, 64]",
    "batchnorm": "no",
    "units": 32,
    "dropout": 0,
    "classes": 2,
}
FILTERS = tuple(range(4, 129, 4))  # Conv2D filters: multiples of 4, as real models use
UNITS = tuple(range(16, 257, 16))
DROPOUTS = ("0", "0.2", "0.25", "0.3", "0.4", "0.5")


def spatial_sizes(p: dict[str, Any]) -> list[int]:
    """Height after each Conv2D and each MaxPooling2D, in order (may go below 1)."""
    size, shrink = int(p["size"]), 0 if p["padding"] == "same" else int(p["kernel"]) - 1
    sizes = []
    for _ in range(BLOCKS):
        size -= shrink
        sizes.append(size)
        size = size // 2
        sizes.append(size)
    return sizes


def constraints(p: dict[str, Any]) -> list[str]:
    if min(spatial_sizes(p)) < 1:
        return ["the feature map vanishes before Flatten: use a larger input or smaller kernel"]
    return []


def sample(rng: np.random.Generator) -> dict[str, Any]:
    return {
        "size": int(rng.integers(28, 161)),
        "channels": int(rng.choice((1, 3))),
        "kernel": int(rng.choice((3, 5))),
        "padding": "valid" if rng.random() < 0.7 else "same",
        "filters": sorted(int(f) for f in rng.choice(FILTERS, size=BLOCKS)),
        "batchnorm": "yes" if rng.random() < 0.5 else "no",
        "units": int(rng.choice(UNITS)),
        "dropout": DROPOUTS[int(rng.integers(len(DROPOUTS)))],
        "classes": int(rng.integers(2, 21)),
    }
