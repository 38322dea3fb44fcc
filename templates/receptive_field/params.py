"""Three layers (conv or pool) with square filters f_k and strides s_k on a square input image."""

from __future__ import annotations

from typing import Any

import numpy as np

from generator.params import Choice, Integer, Vector

LAYOUTS = ("conv-conv-conv", "conv-pool-conv", "conv-conv-pool")
PARAMS = (
    Choice("layout", LAYOUTS, doc="the kinds of the three layers"),
    Vector("filters", length=3, element=Integer("filters", 1, 11), doc="filter sizes f1, f2, f3"),
    Vector("strides", length=3, element=Integer("strides", 1, 4), doc="strides s1, s2, s3"),
    Integer("image", 16, 512, doc="input image height = width"),
)

# TUM Problem 7 d): 256x256 RGB input, conv 11x11 stride 4, max-pool 3x3 stride 2, conv 5x5.
SOURCE = {"layout": "conv-pool-conv", "filters": "[11, 3, 5]", "strides": "[4, 2, 1]", "image": 256}

CONV_FILTERS = (3, 4, 5, 7, 9)
FIRST_STRIDES = (1, 2, 3, 4)
LATER_STRIDES = (1, 2, 3)
IMAGES = (32, 64, 128, 224, 256)


def kinds(layout: str) -> list[str]:
    return layout.split("-")


def constraints(p: dict[str, Any]) -> list[str]:
    problems = []
    for k, (kind, f, s) in enumerate(
        zip(kinds(p["layout"]), p["filters"], p["strides"], strict=True)
    ):
        if s > f:
            problems.append(f"layer {k + 1}: a stride larger than the filter skips input pixels")
        if kind == "pool" and f < 2:
            problems.append(f"layer {k + 1}: a pooling window must be at least 2")
    if all(f == 1 for f in p["filters"]):
        problems.append("1x1 filters everywhere give a receptive field of 1")
    f1, f2, f3 = p["filters"]
    s1, s2, _ = p["strides"]
    if f1 + s1 * (f2 - 1) + s1 * s2 * (f3 - 1) > p["image"]:
        problems.append("the receptive field would be larger than the image")
    return problems


def _layer(rng: np.random.Generator, kind: str, first: bool) -> tuple[int, int]:
    if kind == "pool":
        size = int(rng.choice((2, 3)))
        return size, int(rng.choice((2, size)))
    size = int(rng.choice((*CONV_FILTERS, 11) if first else CONV_FILTERS))
    strides = [s for s in (FIRST_STRIDES if first else LATER_STRIDES) if s <= size]
    return size, int(rng.choice(strides))


def sample(rng: np.random.Generator) -> dict[str, Any]:
    layout = str(rng.choice(LAYOUTS))
    layers = [_layer(rng, kind, k == 0) for k, kind in enumerate(kinds(layout))]
    return {
        "layout": layout,
        "filters": [f for f, _ in layers],
        "strides": [s for _, s in layers],
        "image": int(rng.choice(IMAGES)),
    }
