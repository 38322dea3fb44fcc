"""A VGG-style stack of convolution blocks (block b: ``convs[b]`` layers of ``widths[b]``
channels) with a batch-normalization layer after every convolution, as in the BITS VGG16 question.

Each batch-normalization layer over C channels holds C gammas and C betas (trained) and C moving
means and C moving variances (not trained); the dense layers get none.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from generator.params import Integer, Vector

BLOCKS = 5
PARAMS = (
    Vector("widths", length=BLOCKS, element=Integer("widths", 1, 1024), doc="channels per block"),
    Vector("convs", length=BLOCKS, element=Integer("convs", 1, 4), doc="convolutions per block"),
    Integer("first", 1, 20, doc="k: the first k batch-normalization layers of part (b)"),
)
SOURCE = {"widths": "[64, 128, 256, 512, 512]", "convs": "[2, 2, 3, 3, 3]", "first": 3}
VGG_WIDTHS = (64, 128, 256, 512, 512)
VGG_CONVS = ((1, 1, 2, 2, 2), (2, 2, 2, 2, 2), (2, 2, 3, 3, 3), (2, 2, 4, 4, 4))
BASES = (8, 12, 16, 24, 32, 48)


def constraints(p: dict[str, Any]) -> list[str]:
    layers = sum(int(c) for c in p["convs"])
    if p["first"] > layers:
        return [f"k = {p['first']} exceeds the {layers} batch-normalization layers"]
    if p["first"] == layers:
        return ["k covers every layer, so (b) repeats the total of the moving statistics"]
    return []


def sample(rng: np.random.Generator) -> dict[str, Any]:
    """Half the variants are the VGG11/13/16/19 configurations, half smaller doubling stacks
    (bases 8 to 48 channels, so every width stays a multiple of 4 that sums by hand)."""
    if rng.random() < 0.5:
        widths = list(VGG_WIDTHS)
        convs = list(VGG_CONVS[int(rng.integers(len(VGG_CONVS)))])
    else:
        base = int(rng.choice(BASES))
        widths = [base * 2 ** min(b, 3) for b in range(BLOCKS)]
        convs = [int(c) for c in rng.integers(1, 4, size=BLOCKS)]
    # k stops short of the last layer (constraints) but reaches into the later, wider blocks.
    first = int(rng.integers(1, min(sum(convs), 9)))
    return {"widths": widths, "convs": convs, "first": first}
