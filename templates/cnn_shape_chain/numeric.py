"""Independent path: slide windows over zero-padded numpy arrays and allocate every kernel.

Output sizes are counted window by window (start positions 0, S, 2S, ... that fit), the pooled
size by cutting the map into p x p tiles, and parameters by the size of the allocated arrays. The
resized input is pushed through the same convolutions and their parameters counted again.
"""

from __future__ import annotations

from typing import Any

import numpy as np


def _conv(x: np.ndarray, k: int, filters: int, pad: int, stride: int) -> tuple[np.ndarray, int]:
    x = np.pad(x, ((pad, pad), (pad, pad), (0, 0)))
    kernel, bias = np.zeros((k, k, x.shape[2], filters)), np.zeros(filters)
    positions = len(range(0, x.shape[0] - k + 1, stride))
    out = np.zeros((positions, positions, filters), dtype=np.int8)  # one value per window
    return out, kernel.size + bias.size


def _convs(p: dict[str, Any], size: int) -> tuple[np.ndarray, np.ndarray, list[int]]:
    k, stride = int(p["kernel"]), int(p["stride"])
    pad = 0 if p["padding"] == "valid" else k // 2
    x = np.zeros((size, size, int(p["channels"])), dtype=np.int8)
    c1, n1 = _conv(x, k, int(p["filters1"]), pad, stride)
    c2, n2 = _conv(c1, k, int(p["filters2"]), pad, stride)
    return c1, c2, [n1, n2]


def numeric(p: dict[str, Any]) -> dict[str, Any]:
    c1, c2, counts = _convs(p, int(p["size"]))
    q = int(p["pool"])
    pooled = c2.reshape(c2.shape[0] // q, q, c2.shape[1] // q, q, c2.shape[2]).max(axis=(1, 3))
    return {
        "a": list(c1.shape),
        "b": list(c2.shape),
        "c": list(pooled.shape),
        "d": pooled.size,
        "e": counts[0],
        "f": counts[1],
        "g": sum(_convs(p, int(p["new_size"]))[2]),
    }
