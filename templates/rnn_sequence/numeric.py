"""Independent path: run the unrolled network step by step in numpy."""

from __future__ import annotations

from typing import Any

import numpy as np


def numeric(p: dict[str, Any]) -> dict[str, Any]:
    weights_in, weight_rec = np.array([p["u"]], dtype=float), np.array([[p["w"]]], dtype=float)
    state = np.array([p["h_init"]], dtype=float)
    hidden = []
    for value in p["x"]:
        state = weight_rec @ state + weights_in * value
        hidden.append(float(state[0]))
    outputs = 0.5 * (1 + np.tanh(0.5 * p["v"] * np.array(hidden)))
    return {"a": hidden, "b": outputs.tolist()}
