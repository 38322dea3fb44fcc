"""Independent path: the two-step recurrence in numpy and a central difference in u."""

from __future__ import annotations

from typing import Any

import numpy as np

STEP = 1e-6


def forward(u: float, w: float, v: float, h0: float, x: list[float]) -> tuple[float, float]:
    """(h2, y2)."""
    h = h0
    for value in x:
        h = float(np.maximum(u * h + w * value, 0.0))
    return h, v * h


def numeric(p: dict[str, Any]) -> dict[str, Any]:
    u, w, v, h0, x = p["u"], p["w"], p["v"], p["h0"], p["x"]
    h2, y2 = forward(u, w, v, h0, x)
    up, down = forward(u + STEP, w, v, h0, x)[1], forward(u - STEP, w, v, h0, x)[1]
    return {"a": h2, "b": y2, "c": (up - down) / (2 * STEP)}
