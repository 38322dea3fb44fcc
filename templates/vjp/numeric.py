"""Independent path: SEE as numpy slicing, Jacobian and gradient by central differences."""

from __future__ import annotations

from typing import Any

import numpy as np

from generator.finite_differences import gradient


def numeric(p: dict[str, Any]) -> dict[str, Any]:
    w = np.asarray(p["w"], dtype=float)
    start = 1 if p["select"] == "even" else 0  # 0-based start of x_2 (even) or x_1 (odd)

    def see(x: np.ndarray) -> np.ndarray:
        return x[start::2]

    x0 = np.arange(1.0, 2 * len(w) + 1)

    def component(i: int) -> np.ndarray:
        return gradient(lambda x: float(see(x)[i]), x0)

    jac = np.array([component(i) for i in range(len(w))])
    return {
        "a": jac.tolist(),
        "b": list(jac.shape),
        "c": gradient(lambda x: float(w @ see(x)), x0).tolist(),
    }
