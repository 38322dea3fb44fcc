"""Independent path: run the unrolled network in numpy and take central differences."""

from __future__ import annotations

from typing import Any

import numpy as np

STEP = 1e-5


def forward(theta1: float, theta2: float, z0: float, x: list[float]) -> np.ndarray:
    states, previous = [], z0
    for value in x:
        previous = theta1 * value + theta2 * previous
        states.append(previous)
    return np.array(states)


def numeric(p: dict[str, Any]) -> dict[str, Any]:
    mask = np.ones(len(p["x"])) if p["loss"] == "all" else np.eye(len(p["x"]))[-1]
    y = np.array(p["y"], dtype=float)

    def loss(theta1: float, theta2: float) -> float:
        return float(np.sum(mask * (forward(theta1, theta2, p["z0"], p["x"]) - y) ** 2))

    t1, t2 = p["theta1"], p["theta2"]
    return {
        "a": forward(t1, t2, p["z0"], p["x"]).tolist(),
        "b": loss(t1, t2),
        "c": (loss(t1 + STEP, t2) - loss(t1 - STEP, t2)) / (2 * STEP),
        "d": (loss(t1, t2 + STEP) - loss(t1, t2 - STEP)) / (2 * STEP),
    }
