"""Independent path: the forward pass in numpy, ∂E/∂w by central differences of the loss."""

from __future__ import annotations

from typing import Any

import numpy as np

from generator.finite_differences import gradient


def _sigmoid(z: Any) -> Any:
    return 1 / (1 + np.exp(-z))


def _forward(p: dict[str, Any], weights: np.ndarray) -> tuple[np.ndarray, float]:
    """Hidden activations and output for the weight vector [w1, w2, w3, w4]."""
    hidden = _sigmoid(weights[:2] * p["x"] + np.asarray(p["b_h"], dtype=float))
    return hidden, float(_sigmoid(weights[2:] @ hidden + p["b_out"]))


def numeric(p: dict[str, Any]) -> dict[str, Any]:
    weights = np.asarray([*p["w_in"], *p["w_out"]], dtype=float)
    hidden, output = _forward(p, weights)

    def error(w: np.ndarray) -> float:
        return 0.5 * (p["d"] - _forward(p, w)[1]) ** 2

    def loss(w: np.ndarray) -> float:
        return error(w) + p["lam"] * float(np.sum(w**2))

    grad_e = gradient(error, weights)
    return {
        "a": hidden.tolist(),
        "b": output,
        "c": error(weights),
        "d": loss(weights),
        "f": grad_e.tolist(),
        "g": (weights - p["lr"] * gradient(loss, weights)).tolist(),
    }
