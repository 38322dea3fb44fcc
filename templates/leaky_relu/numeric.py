"""Independent path: numpy's where for the activation, central differences for the gradient."""

from __future__ import annotations

from typing import Any

import numpy as np

from generator.finite_differences import derivative


def numeric(p: dict[str, Any]) -> dict[str, Any]:
    alpha = p["alpha"]

    def lrelu(x: float) -> float:
        return float(np.where(x > 0, x, alpha * x))

    return {
        "c": [lrelu(x) for x in p["inputs"]],
        "d": [derivative(lrelu, x) for x in p["inputs"]],
    }
