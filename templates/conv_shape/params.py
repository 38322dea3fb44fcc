"""A square input, F filters of size K, stride S and padding P.

With ``rounding: exact`` (the default, and the TUM Problem 4 question) (H + 2P - K) must be
divisible by S; with ``rounding: floor`` the question states PyTorch's rule
floor((H + 2P - K)/S) + 1, which the TUM AlexNet question (256, K = 11, S = 4) needs.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from generator.params import Choice, Integer

PARAMS = (
    Integer("size", 8, 64, doc="input height = width H"),
    Integer("channels", 1, 64, doc="input channels C"),
    Integer("filters", 2, 64, doc="number of filters F"),
    Choice("kernel", (1, 3, 5, 7, 11), doc="filter size K"),
    Integer("stride", 1, 4, doc="stride S"),
    Integer("padding", 0, 3, doc="zero padding P on each side"),
    Choice("rounding", ("exact", "floor"), doc="sizes divide exactly, or the stated floor rule"),
)
# Products a student multiplies by hand: channel and filter counts that are round or tiny.
FRIENDLY_CHANNELS = (1, 2, 3, 4, 8, 10, 16, 20, 32)
FRIENDLY_FILTERS = (2, 3, 4, 5, 6, 8, 10, 16, 20, 32)

SOURCE = {
    "size": 26,
    "channels": 26,
    "filters": 5,
    "kernel": 7,
    "stride": 3,
    "padding": 1,
    "rounding": "exact",
}


def constraints(p: dict[str, Any]) -> list[str]:
    span = p["size"] + 2 * p["padding"] - p["kernel"]
    problems = []
    if span < 0:
        problems.append("the filter is larger than the padded input")
    elif span % p["stride"] and p["rounding"] == "exact":
        problems.append(
            f"(H + 2P - K) = {span} is not divisible by the stride {p['stride']}: "
            "the output size would be fractional"
        )
    if p["padding"] >= p["kernel"]:
        problems.append("padding must be smaller than the filter")
    return problems


def sample(rng: np.random.Generator) -> dict[str, Any]:
    return {
        "size": int(rng.integers(8, 65)),
        "channels": int(rng.choice(FRIENDLY_CHANNELS)),
        "filters": int(rng.choice(FRIENDLY_FILTERS)),
        "kernel": int(rng.choice((1, 3, 5, 7))),
        "stride": int(rng.integers(1, 4)),
        "padding": int(rng.integers(0, 4)),
        "rounding": "exact" if rng.random() < 0.75 else "floor",
    }
