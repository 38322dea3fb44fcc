"""Independent path: each function evaluated in numpy, derivatives by central differences.

For the sigmoid the gradients at the inner nodes are differences of the graph's tail from that
node on: f(r) = 1/r, f(q) = 1/(1 + q), f(p) = 1/(1 + e^p), f(z) = 1/(1 + e^(−z)).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from generator.finite_differences import derivative, gradient


def _relu_affine(p: dict[str, Any], abc: np.ndarray) -> float:
    return float(max(abc[0] * p["x"] + abc[1] * p["y"] + abc[2], 0.0))


def _polynomial(p: dict[str, Any], xy: np.ndarray) -> float:
    x, y = xy
    return float(x**4 + p["m"] * x**2 + y**4 + p["n"] * y**2)


def numeric(p: dict[str, Any]) -> dict[str, Any]:
    if p["function"] == "relu_affine":
        abc = np.array([p["a"], p["b"], p["c"]], dtype=float)
        return {
            "b": _relu_affine(p, abc),
            "c": gradient(lambda v: _relu_affine(p, v), abc).tolist(),
        }
    if p["function"] == "polynomial":
        xy = np.array([p["x"], p["y"]], dtype=float)
        return {"b": _polynomial(p, xy), "c": gradient(lambda v: _polynomial(p, v), xy).tolist()}
    z = float(p["z"])
    pre, q = -z, np.exp(-z)
    tails = [
        (lambda r: 1 / r, 1 + q),
        (lambda t: 1 / (1 + t), q),
        (lambda t: 1 / (1 + np.exp(t)), pre),
        (lambda t: 1 / (1 + np.exp(-t)), z),
    ]
    return {"b": 1 / (1 + q), "c": [derivative(tail, at) for tail, at in tails]}
