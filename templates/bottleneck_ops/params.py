"""An Inception-style bottleneck (1x1 to C_mid, then KxK to C_out, sizes kept by padding) on an
H x W x C_in map, and a network-in-network micro-MLP (k x k x C patch, h hidden, D outputs).

Multiplications are counted as one per weight per output position (biases add no products).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from generator.params import Choice, Integer

PARAMS = (
    Integer("size", 4, 256, doc="height = width of the feature map"),
    Integer("in_depth", 1, 1024, doc="input channels C_in"),
    Integer("mid_depth", 1, 1024, doc="channels after the 1x1 convolution C_mid"),
    Integer("out_depth", 1, 1024, doc="channels after the KxK convolution C_out"),
    Choice("kernel", (3, 5, 7), doc="size K of the main convolution"),
    Choice("mlp_patch", (3, 5, 7), doc="patch size k the micro-MLP sees"),
    Choice("mlp_channels", (1, 3), doc="input channels of the micro-MLP (gray or RGB)"),
    Integer("mlp_hidden", 2, 64, doc="hidden nodes of the micro-MLP"),
    Integer("mlp_out", 1, 16, doc="output depth of the micro-MLP layer"),
)
SOURCE = {
    "size": 50,
    "in_depth": 200,
    "mid_depth": 50,
    "out_depth": 75,
    "kernel": 5,
    "mlp_patch": 5,
    "mlp_channels": 1,
    "mlp_hidden": 10,
    "mlp_out": 1,
}
SIZES = (10, 14, 20, 28, 32, 50, 64)
DEPTHS = (16, 32, 48, 64, 96, 128, 192, 256)


def constraints(p: dict[str, Any]) -> list[str]:
    if p["mid_depth"] >= p["in_depth"]:
        return ["the 1x1 convolution must reduce the depth (C_mid < C_in) to be a bottleneck"]
    return []


def sample(rng: np.random.Generator) -> dict[str, Any]:
    depths = sorted(int(d) for d in rng.choice(DEPTHS, size=3, replace=False))
    return {
        "size": int(rng.choice(SIZES)),
        "in_depth": depths[2],
        "mid_depth": depths[0],
        "out_depth": depths[1] if rng.random() < 0.5 else depths[2],
        "kernel": int(rng.choice((3, 5))),
        "mlp_patch": int(rng.choice((3, 5))),
        "mlp_channels": int(rng.choice((1, 3))),
        "mlp_hidden": int(rng.choice((4, 5, 8, 10, 16))),
        "mlp_out": int(rng.choice((1, 2, 4))),
    }
