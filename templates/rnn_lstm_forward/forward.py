"""The float forward pass (numpy), shared by the constraints and the numeric cross-check.

It never touches sympy or the solution: it is the independent path every exact key is compared
with, and the constraints use it to keep ReLU outputs away from their kink.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np


def _sigmoid(z: float) -> float:
    return float(1 / (1 + np.exp(-z)))


def _tanh(z: float) -> float:
    return float(np.tanh(z))


ACTIVATIONS: dict[str, Callable[[float], float]] = {"sigmoid": _sigmoid, "tanh": _tanh}


def run(p: dict[str, Any]) -> list[dict[str, float]]:
    """Per step: the state s, the hidden output h and the pre-activation V h of the output."""
    w = {k: np.asarray(p[k], dtype=float) for k in p if k not in ("cell", "squash")}
    sigma, g = ACTIVATIONS["sigmoid"], ACTIVATIONS[p["squash"]]
    s = h = 0.0
    steps = []
    for t, x in enumerate(w["x"]):
        candidate = g(w["U"][t] * x + w["W"][t] * h)
        if p["cell"] == "rnn":
            s = h = candidate
        else:
            o, i, f = (sigma(w["W" + gate][t] * h + w["U" + gate][t] * x) for gate in "oif")
            s = f * s + i * candidate
            h = o * g(s)
        steps.append({"s": float(s), "h": float(h), "v": float(w["V"][t] * h)})
    return steps
