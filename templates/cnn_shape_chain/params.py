"""A square image through conv(F1, KxK) -> conv(F2, KxK) -> max-pool(p x p, stride p).

Both convolutions use the same stride S and zero padding P (0, or (K - 1)/2 to keep the size at
stride 1), stated in the question; the sizes must divide exactly, so no floor convention is
needed. The last part asks for the parameters after resizing the input: they do not change.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from generator.params import Choice, Integer

PARAMS = (
    Integer("size", 8, 512, doc="input height = width H"),
    Choice("channels", (1, 3), doc="input channels C (grayscale or RGB)"),
    Choice("kernel", (3, 5, 7), doc="filter size K of both convolutions"),
    Integer("filters1", 1, 512, doc="filters of the first convolution"),
    Integer("filters2", 1, 512, doc="filters of the second convolution"),
    Choice("padding", ("valid", "same"), doc="valid: P = 0; same: P = (K - 1)/2"),
    Choice("stride", (1, 2), doc="stride S of both convolutions"),
    Choice("pool", (2, 3), doc="max-pool size p (stride p)"),
    Integer("new_size", 8, 512, doc="the resized input of the last part"),
)
SOURCE = {
    "size": 256,
    "channels": 3,
    "kernel": 5,
    "filters1": 64,
    "filters2": 128,
    "padding": "valid",
    "stride": 1,
    "pool": 2,
    "new_size": 128,
}
SIZES = (28, 32, 64, 65, 96, 100, 128, 129, 224, 227, 256)


def pad(p: dict[str, Any]) -> int:
    """Zero padding P on each side."""
    return 0 if p["padding"] == "valid" else (int(p["kernel"]) - 1) // 2


def constraints(p: dict[str, Any]) -> list[str]:
    problems = []
    size = int(p["size"])
    for layer in (1, 2):
        span = size + 2 * pad(p) - int(p["kernel"])
        if span < 0:
            return [f"the filter of convolution {layer} is larger than its padded input"]
        if span % int(p["stride"]):
            problems.append(
                f"convolution {layer}: H + 2P - K = {span} is not divisible by the stride "
                f"{p['stride']}, the output size would be fractional"
            )
        size = span // int(p["stride"]) + 1
    if size % int(p["pool"]) or size < int(p["pool"]):
        problems.append(f"the pooling input {size} is not a multiple of the pool size {p['pool']}")
    if p["new_size"] == p["size"]:
        problems.append("the resized input must differ from the original")
    if p["filters2"] < p["filters1"]:
        problems.append("the second convolution should not have fewer filters than the first")
    return problems


def sample(rng: np.random.Generator) -> dict[str, Any]:
    """Filter counts are multiples of 8; the second convolution has F1 to 2 F1 filters."""
    filters1 = 8 * int(rng.integers(1, 17))
    return {
        "size": int(rng.choice(SIZES)),
        "channels": int(rng.choice((1, 3))),
        "kernel": int(rng.choice((3, 5, 7))),
        "filters1": filters1,
        "filters2": filters1 + 8 * int(rng.integers(0, filters1 // 8 + 1)),
        "padding": "valid" if rng.random() < 0.6 else "same",
        "stride": 1 if rng.random() < 0.7 else 2,
        "pool": 2 if rng.random() < 0.8 else 3,
        "new_size": int(rng.choice(SIZES)),
    }
