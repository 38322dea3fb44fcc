"""Independent path: the recurrence in numpy and central differences in V, W and x1."""

from __future__ import annotations

from typing import Any

import numpy as np

STEP = 1e-6


def last_state(V: float, W: float, h0: float, x: list[float]) -> float:
    h = h0
    for value in x:
        h = float(np.maximum(V * h + W * value, 0.0))
    return h


def states(V: float, W: float, h0: float, x: list[float]) -> list[float]:
    return [last_state(V, W, h0, x[: t + 1]) for t in range(len(x))]


def numeric(p: dict[str, Any]) -> dict[str, Any]:
    V, W, h0, x = p["V"], p["W"], p["h0"], list(p["x"])

    def bumped(dx: float) -> list[float]:
        return [x[0] + dx, *x[1:]]

    central = lambda f: (f(STEP) - f(-STEP)) / (2 * STEP)  # noqa: E731
    h = states(V, W, h0, x)
    return {
        "a": h[0],
        "b": h[1],
        "c": h[2],
        "d": central(lambda d: last_state(V + d, W, h0, x)),
        "e": central(lambda d: last_state(V, W + d, h0, x)),
        "f": central(lambda d: last_state(V, W, h0, bumped(d))),
    }
