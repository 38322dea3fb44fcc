"""Square input H x H x C_in, square output H_out x H_out x C_out, reachable with a small kernel."""

from __future__ import annotations

from typing import Any

import numpy as np

from generator.params import Integer

PARAMS = (
    Integer("in_size", 4, 512, doc="input height = width H"),
    Integer("in_channels", 1, 512, doc="input depth C_in"),
    Integer("out_size", 1, 512, doc="output height = width H_out"),
    Integer("out_channels", 1, 512, doc="output depth C_out"),
)

SOURCE = {"in_size": 100, "in_channels": 3, "out_size": 40, "out_channels": 6}
SIZES = (28, 32, 48, 64, 96, 100, 128, 224, 256)
CHANNELS = (1, 3, 8, 16, 32, 64)


def constraints(p: dict[str, Any]) -> list[str]:
    problems = []
    if p["out_size"] >= p["in_size"]:
        problems.append(
            "the output must be smaller than the input (this is not an upsampling layer)"
        )
    if p["out_size"] < 2:
        problems.append("a 1x1 output is a fully connected layer, not a design question")
    return problems


def sample(rng: np.random.Generator) -> dict[str, Any]:
    size = int(rng.choice(SIZES))
    stride = int(rng.integers(1, 5))
    kernel = int(rng.choice((3, 4, 5, 7, 11)))
    padding = int(rng.integers(0, (kernel - 1) // 2 + 1))
    out_size = (size + 2 * padding - kernel) // stride + 1
    return {
        "in_size": size,
        "in_channels": int(rng.choice(CHANNELS)),
        "out_size": out_size,
        "out_channels": int(rng.choice(CHANNELS[1:])),
    }
