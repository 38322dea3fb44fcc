"""Independent path: slide a window over a padded numpy array and count; allocate the tensors."""

from __future__ import annotations

from typing import Any

import numpy as np


def numeric(p: dict[str, Any]) -> dict[str, Any]:
    size, pad, k, s = p["size"], p["padding"], p["kernel"], p["stride"]
    padded = np.zeros((size + 2 * pad, size + 2 * pad))
    positions = [i for i in range(0, padded.shape[0]) if i + k <= padded.shape[0]][::s]
    weights = np.zeros((p["filters"], p["channels"], k, k))
    bias = np.zeros(p["filters"])
    return {
        "a": [len(positions), len(positions), p["filters"]],
        "b": weights.size + bias.size,
        "c": list(weights.shape),
    }
