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
# Depths are multiples of 8 (16 to 512) and hidden widths multiples of 4 (8 to 128), as layer
# sizes usually are; classes from 2 to 20 or a data set's count (26 letters, 43 traffic signs,
# CIFAR-100).
CLASSES = (*range(2, 21), 26, 43, 50, 100)


def constraints(p: dict[str, Any]) -> list[str]:
    if p["channels"] == p["hidden"]:
        return ["equal depth and hidden width hide which factor a student used"]
    return []


def sample(rng: np.random.Generator) -> dict[str, Any]:
    return {
        "size": int(rng.choice(SIZES)),
        "channels": 8 * int(rng.integers(2, 65)),
        "hidden": 4 * int(rng.integers(2, 33)),
        "classes": int(rng.choice(CLASSES)),
    }
