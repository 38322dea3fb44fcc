"""Independent path: central finite differences of t and plain float iteration."""

from __future__ import annotations

from typing import Any

STEP = 1e-5


def numeric(params: dict[str, Any]) -> dict[str, Any]:
    m, n, lr = float(params["m"]), float(params["n"]), float(params["lr"])

    def loss(w: float) -> float:
        return (m * w + n) ** 2

    def slope(p: float) -> float:
        return (loss(p + STEP) - loss(p - STEP)) / (2 * STEP)

    values = [float(params["p0"])]
    for _ in range(int(params["steps"])):
        values.append(values[-1] - lr * slope(values[-1]))
    return {"a": slope, "b": values[1:]}
