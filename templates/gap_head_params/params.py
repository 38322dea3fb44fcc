"""The fully connected head of a network-in-network style classifier: the last convolution gives
an H x W x C map, a hidden layer of n nodes and an output layer of one node per class follow.

Global average pooling shrinks the head's input from H W C to C, which is the point of the
question; H = W >= 2 so that pooling saves something.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from generator.params import Integer

PARAMS = (
    Integer("size", 2, 32, doc="height = width H of the last convolution's feature map"),
    Integer("channels", 1, 2048, doc="depth C of the last convolution's feature map"),
    Integer("hidden", 1, 1024, doc="nodes of the hidden fully connected layer"),
    Integer("classes", 2, 1000, doc="output nodes (one-hot classes)"),
)
SOURCE = {"size": 7, "channels": 128, "hidden": 50, "classes": 100}
SIZES = (3, 4, 5, 6, 7, 8)
CHANNELS = (32, 64, 128, 256, 512)
HIDDEN = (10, 20, 32, 50, 64, 100, 128)
CLASSES = (10, 20, 50, 100)


def constraints(p: dict[str, Any]) -> list[str]:
    if p["channels"] == p["hidden"]:
        return ["equal depth and hidden width hide which factor a student used"]
    return []


def sample(rng: np.random.Generator) -> dict[str, Any]:
    return {
        "size": int(rng.choice(SIZES)),
        "channels": int(rng.choice(CHANNELS)),
        "hidden": int(rng.choice(HIDDEN)),
        "classes": int(rng.choice(CLASSES)),
    }
