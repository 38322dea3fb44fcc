"""Independent path: numpy's correlate for the forward pass, central finite differences of the
whole network for the kernel gradient."""

from __future__ import annotations

from typing import Any

import numpy as np

# f is piecewise linear and integer inputs keep the two z at least 1 apart, so a step of 1e-3
# (moving z by at most 0.006) never crosses the kink and leaves far less rounding error than 1e-6.
H = 1e-3


def _forward(x: np.ndarray, w: np.ndarray) -> tuple[np.ndarray, float]:
    z = np.correlate(x, w, mode="valid")
    return z, float(z.max())


def numeric(p: dict[str, Any]) -> dict[str, Any]:
    x, w = np.array(p["x"], dtype=float), np.array(p["w"], dtype=float)
    z, f = _forward(x, w)
    grad = np.array(
        [(_forward(x, w + H * e)[1] - _forward(x, w - H * e)[1]) / (2 * H) for e in np.eye(len(w))]
    )
    return {"b": z.tolist(), "c": f, "d": grad.tolist(), "e": (w - p["lr"] * grad).tolist()}
