"""Independent path: the networks with real ReLUs in numpy, derivatives by central differences.

Expression keys are checked as functions: the cross-check evaluates them at random positive
points, where every ReLU here is active, and compares with a difference quotient of the network.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from generator.finite_differences import derivative

WEIGHTS = ("w0", "w1", "w2", "w3")


def _relu(v: float) -> float:
    return float(np.maximum(v, 0.0))


def _unit(w: float, x: float, skip: bool, layers: int) -> float:
    """``layers`` ReLU layers sharing w; the skip adds x before the last one."""
    value = x
    for level in range(layers):
        value = _relu(w * value + (x if skip and level == layers - 1 else 0.0))
    return value


def _network(weights: dict[str, float], x: float, skip: bool) -> float:
    """F(x) = w1 relu(w0 x), y = relu(F + x); G(y) = w3 relu(w2 y), z = relu(G + y)."""
    y = _relu(weights["w1"] * _relu(weights["w0"] * x) + (x if skip else 0.0))
    return _relu(weights["w3"] * _relu(weights["w2"] * y) + (y if skip else 0.0))


def _dz_dw(wrt: str, skip: bool) -> Callable[..., float]:
    def value(w0: float, w1: float, w2: float, w3: float, x: float) -> float:
        weights = {"w0": w0, "w1": w1, "w2": w2, "w3": w3}
        return derivative(lambda t: _network({**weights, wrt: t}, x, skip), weights[wrt])

    return value


def numeric(p: dict[str, Any]) -> dict[str, Any]:
    omega, layers = p["omega"], int(p["layers"])
    return {
        "b": lambda w, x: derivative(lambda t: _unit(w, t, False, layers), x),
        "c": lambda w, x: derivative(lambda t: _unit(w, t, True, layers), x),
        "d": [
            derivative(lambda t: _unit(omega, t, False, layers), 1.0),
            derivative(lambda t: _unit(omega, t, True, layers), 1.0),
        ],
        "f": _dz_dw(p["wrt"], skip=True),
        "g": _dz_dw(p["wrt"], skip=False),
    }
