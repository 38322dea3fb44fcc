"""One conv filter over a batch: 2D (batch x channel x width x height) or 3D (batch x width x height
x depth x channel), with a padding goal (same size, or a target size at a given stride), a storage
precision and a stride for counting stamps. Whether the filter has a bias is drawn and stated:
the VIR sources do not say (2019 speaks of "each weight"), so each variant says which it is.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from generator.params import Choice, Integer

PARAMS = (
    Choice("dims", (2, 3), doc="number of spatial dimensions of the filter"),
    Integer("batch", 1, 16, doc="batch size B"),
    Integer("channels", 1, 8, doc="input channels C (the filter spans all of them)"),
    Integer("width", 3, 64, doc="input width"),
    Integer("height", 3, 64, doc="input height"),
    Integer("depth", 1, 64, doc="input depth (3D only; 1 for 2D)"),
    Choice("kernel", (1, 2, 3, 4, 5, 6, 7), doc="filter size K in every spatial dimension"),
    Choice("precision", ("FP16", "FP32", "FP64"), doc="storage format of each parameter"),
    Choice("goal", ("same", "target"), doc="padding part: same size, or a target output size"),
    Integer("pad_stride", 1, 4, doc="stride assumed in the padding part (1 for same)"),
    Integer("target", 1, 64, doc="output width the padding must reach (= width for same)"),
    Integer("stride", 1, 4, doc="stride for counting stamps (no padding)"),
    Choice("bias", ("bias", "none"), doc="whether the filter has a bias (the question says which)"),
)

# VIR 2019 Q2. The VIR 2021 variant (tested in test_family.py) is dims=2, batch=4, channels=2,
# width=height=13, depth=1, kernel=5, FP64, goal=target, pad_stride=2, target=7, stride=2.
SOURCE = {
    "dims": 3,
    "batch": 3,
    "channels": 1,
    "width": 6,
    "height": 6,
    "depth": 7,
    "kernel": 3,
    "precision": "FP16",
    "goal": "same",
    "pad_stride": 1,
    "target": 6,
    "stride": 1,
    "bias": "bias",
}


def spatial(p: dict[str, Any]) -> list[int]:
    """The input's spatial sizes in the order the question prints them (width, height[, depth])."""
    sizes = [int(p["width"]), int(p["height"]), int(p["depth"])]
    return sizes[: int(p["dims"])]


def constraints(p: dict[str, Any]) -> list[str]:
    sizes, k, stride = spatial(p), int(p["kernel"]), int(p["stride"])
    problems = []
    if p["dims"] == 2 and p["depth"] != 1:
        problems.append("a 2D input has no depth: set depth = 1")
    if min(sizes) < k:
        problems.append("the filter is larger than the input")
    elif any((n - k) % stride for n in sizes):
        problems.append(
            f"(N - K) is not divisible by the stride {stride} in every dimension: "
            "the valid stamps would not tile the input"
        )
    if p["goal"] == "same":
        if p["pad_stride"] != 1 or p["target"] != p["width"]:
            problems.append("same padding needs pad_stride = 1 and target = width")
        if k % 2 == 0:
            problems.append("same padding needs an odd filter size")
    else:
        if len(set(sizes)) != 1:
            problems.append("a target output size needs equal spatial sizes (one padding fits all)")
        twice = int((p["target"] - 1) * p["pad_stride"] - p["width"] + k)
        if twice % 2 or not 0 <= twice // 2 < k:
            problems.append(
                f"no whole padding 0 <= P < K reaches a {p['target']}-wide output at stride "
                f"{p['pad_stride']}"
            )
        elif (
            sum(
                (p["width"] + 2 * pad - k) // p["pad_stride"] + 1 == p["target"] for pad in range(k)
            )
            > 1
        ):
            problems.append(
                "another padding gives the same output size when the framework rounds down: "
                "the answer would be ambiguous"
            )
        elif p["pad_stride"] == 1 and p["target"] == p["width"]:
            problems.append("a target equal to the input size at stride 1 is goal=same")
    return problems


def sample(rng: np.random.Generator) -> dict[str, Any]:
    dims = int(rng.choice((2, 3)))
    kernel = int(rng.choice((3, 5) if dims == 3 else (3, 5, 7)))
    goal = str(rng.choice(("same", "target")))
    if dims == 3:
        width, height, depth = (int(n) for n in rng.integers(kernel + 1, 13, size=3))
        channels = int(rng.integers(1, 4))
    else:
        width = height = int(rng.integers(kernel + 2, 33))
        depth = 1
        channels = int(rng.choice((1, 2, 3, 4, 8)))
    if goal == "target":
        height, depth = width, width if dims == 3 else 1
        pad_stride = int(rng.integers(1, 4))
        padding = int(rng.integers(1, (kernel + 1) // 2 + 1))  # P = 0 asks nothing
        target = (width + 2 * padding - kernel) // pad_stride + 1
    else:
        pad_stride, target = 1, width
    return {
        "dims": dims,
        "batch": int(rng.integers(1, 9)),
        "channels": channels,
        "width": width,
        "height": height,
        "depth": depth,
        "kernel": kernel,
        "precision": str(rng.choice(("FP16", "FP32", "FP64"))),
        "goal": goal,
        "pad_stride": pad_stride,
        "target": target,
        "stride": int(rng.integers(1, 4)),
        "bias": str(rng.choice(("bias", "none"))),
    }
