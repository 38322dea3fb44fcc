"""Independent path: numpy forward pass, central differences, and the loss floor by a scan."""

from __future__ import annotations

from typing import Any

import numpy as np

from generator.finite_differences import gradient

# sigma(+-40) is within 5e-18 of 1 or 0: the scan's minimum is the infimum to float precision.
SCAN = np.linspace(-40, 40, 8001)


def _sigmoid(z: Any) -> Any:
    return 1 / (1 + np.exp(-z))


def numeric(p: dict[str, Any]) -> dict[str, Any]:
    x = np.asarray(p["x"], dtype=float)

    def loss(theta: np.ndarray) -> float:
        return float(0.5 * (_sigmoid(theta[:2] @ x + theta[2]) - p["target"]) ** 2)

    theta = np.asarray([*p["w"], p["b"]], dtype=float)
    z = float(theta[:2] @ x + theta[2])
    grad = gradient(loss, theta)
    return {
        "a": z,
        "b": float(_sigmoid(z)),
        "c": loss(theta),
        "d": grad.tolist(),
        "e": (theta - p["lr"] * grad).tolist(),
        "f": float(np.min(0.5 * (_sigmoid(SCAN) - p["target"]) ** 2)),
    }
