"""Independent path: allocate the weight tensor and count fans from its shape; Var(U(-a, a))."""

from __future__ import annotations

from typing import Any

import numpy as np


def numeric(p: dict[str, Any]) -> dict[str, Any]:
    c, units, k, h = int(p["channels"]), int(p["units"]), int(p["kernel"]), int(p["height"])
    # One H x W x C block of inputs per neuron (fc), one C x k x k filter per output channel.
    shape = (units, h, h, c) if p["layer"] == "fc" else (units, c, k, k)
    weights = np.zeros(shape)
    fan_in = weights[0].size
    # Each input feeds every neuron (fc), or every filter at k x k output positions (conv).
    fan_out = weights.shape[0] * (1 if p["layer"] == "fc" else weights.shape[2] * weights.shape[3])
    he = 2 / fan_in
    # Glorot: the uniform bound a whose variance a^2 / 3 equals 2 / (n_in + n_out).
    return {"a": 1 / fan_in, "b": he, "c": np.sqrt(3 * 2 / (fan_in + fan_out)), "d": np.sqrt(he)}
