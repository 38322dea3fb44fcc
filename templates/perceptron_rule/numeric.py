"""Independent path: the perceptron epoch with numpy arrays (augmented input [1, x1, x2])."""

from __future__ import annotations

from typing import Any

import numpy as np


def numeric(p: dict[str, Any]) -> dict[str, Any]:
    weights = np.array([p["b0"], *p["w0"]], dtype=float)
    nets, outs, rows = [], [], []
    for x, t in zip(p["X"], p["t"], strict=True):
        augmented = np.array([1.0, *x])
        z = float(weights @ augmented)
        h = 1.0 if z >= p["theta"] - 1e-12 else -1.0
        weights = weights + p["lr"] * (t - h) * augmented
        nets.append(z)
        outs.append(h)
        rows.append(weights.tolist())
    return {"a": nets, "b": outs, "c": rows}
