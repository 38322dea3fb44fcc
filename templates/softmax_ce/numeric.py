"""Independent path: logits and softmax in numpy, every derivative by central differences."""

from __future__ import annotations

from typing import Any

import numpy as np

from generator.finite_differences import derivative, gradient


def _softmax(z: np.ndarray) -> np.ndarray:
    shifted = np.exp(z - z.max())
    return shifted / shifted.sum()


def _cross_entropy(z: np.ndarray, true_class: int) -> float:
    """−ln softmax(z)[c] written as logsumexp(z) − z_c."""
    return float(np.logaddexp.reduce(z) - z[true_class])


def _bce(z: float, y: float) -> float:
    """−[y ln σ(z) + (1 − y) ln(1 − σ(z))], with ln σ(z) = −ln(1 + e^{−z})."""
    return y * float(np.logaddexp(0.0, -z)) + (1 - y) * float(np.logaddexp(0.0, z))


def _logits(p: dict[str, Any]) -> np.ndarray:
    if p["layer"] == "logits":
        return np.asarray(p["logits"], dtype=float)
    return np.asarray(p["W"], dtype=float) @ np.asarray(p["a"], dtype=float) + np.asarray(p["b"])


def numeric(p: dict[str, Any]) -> dict[str, Any]:
    z = _logits(p)
    probs = _softmax(z)
    label = int(p["label"]) - 1
    wrt, true3 = int(p["wrt"]) - 1, int(p["true3"]) - 1

    def three_class(z1: float, z2: float, z3: float) -> float:
        point = np.array([z1, z2, z3])
        return float(gradient(lambda v: _cross_entropy(v, true3), point)[wrt])

    temperature = float(p["temperature"])

    def bce_slope(z: float, y: float) -> float:
        return float(derivative(lambda t: _bce(t / temperature, y), z))

    uniform = np.full(int(p["classes"]), 1.0 / int(p["classes"]))
    return {
        "a": probs.tolist(),
        "b": float(probs.max()),
        "c": float(probs[int(p["first"]) - 1] - probs[int(p["second"]) - 1]),
        "d": _cross_entropy(z, label),
        "e": gradient(lambda v: _cross_entropy(v, label), z).tolist(),
        "f": three_class,
        "g": bce_slope,
        "h": float(-np.log(uniform[0])),
    }
