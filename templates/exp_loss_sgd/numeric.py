"""Independent path: the loss in numpy, central differences for the gradient, one SGD step."""

from __future__ import annotations

from typing import Any

import numpy as np

STEP = 1e-6


def numeric(p: dict[str, Any]) -> dict[str, Any]:
    w, x, y = np.array(p["w"], dtype=float), np.array(p["x"], dtype=float), float(p["y"])

    def loss(weights: np.ndarray) -> float:
        return float(np.exp(-y * (weights @ x)))

    basis = np.eye(len(w))
    grad = np.array([(loss(w + STEP * e) - loss(w - STEP * e)) / (2 * STEP) for e in basis])
    return {
        "a": y * float(w @ x),
        "b": loss(w),
        "c": grad.tolist(),
        "d": (w - p["eta"] * grad).tolist(),
    }
