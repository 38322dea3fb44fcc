"""Independent path: the forward pass and loss in numpy; ∂L/∂w by central differences."""

from __future__ import annotations

from typing import Any

import numpy as np

from generator.finite_differences import gradient


def forward(p: dict[str, Any], w: np.ndarray) -> float:
    x = np.asarray(p["x"], dtype=float)
    if p["network"] == "sin_of_dot":
        return float(np.sin(w @ x) - p["b"])
    return float(np.sin(w) @ x - p["b"])


def loss(p: dict[str, Any], y: float) -> float:
    label = p["label"]
    if p["loss"] == "l2":
        return (y - label) ** 2
    if p["loss"] == "logistic":
        return float(np.logaddexp(0.0, -label * y))
    return float(-np.log(y * label))


def numeric(p: dict[str, Any]) -> dict[str, Any]:
    w = np.asarray(p["w"], dtype=float)
    y = forward(p, w)
    grad = gradient(lambda v: loss(p, forward(p, v)), w)
    return {
        "b": y,
        "c": loss(p, y),
        "d": grad.tolist(),
        "e": (w - p["lr"] * grad).tolist(),
    }
