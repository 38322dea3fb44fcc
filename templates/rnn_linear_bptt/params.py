"""A linear RNN z_t = theta1 x_t + theta2 z_(t-1) unrolled over two steps.

The seeds' figure is missing; this is the most plausible network for both sources. VIR 2019 Q10
(theta1 = 1, theta2 = 0, z0 = 0, x = (0, 1), y = (1, 3), loss on both steps) gives a non-zero
gradient for theta1 only with theta1 as the input weight. VIR 2022 Q2 (theta = 2, z0 = 1,
x = (1, -1), loss on z2 only, target 0) is theta1 = 1, theta2 = theta with loss = last.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from generator.params import Choice, Integer, Vector

SMALL = Integer("value", -2, 2)

PARAMS = (
    Integer("theta1", -2, 2, doc="input weight"),
    Integer("theta2", -2, 2, doc="recurrent weight"),
    Integer("z0", -2, 2, doc="initial hidden state"),
    Vector("x", length=2, element=SMALL, doc="inputs x1, x2"),
    Vector("y", length=2, element=Integer("y", -3, 3), doc="targets y1, y2 (y1 unused for last)"),
    Choice("loss", ("all", "last"), doc="L2 loss on both steps, or on the last state only"),
)

SOURCE = {"theta1": 1, "theta2": 0, "z0": 0, "x": "[0, 1]", "y": "[1, 3]", "loss": "all"}


def states(p: dict[str, Any]) -> list[Any]:
    """z1, z2 by the recurrence (used to reject degenerate draws)."""
    z1 = p["theta1"] * p["x"][0] + p["theta2"] * p["z0"]
    return [z1, p["theta1"] * p["x"][1] + p["theta2"] * z1]


def gradients(p: dict[str, Any]) -> tuple[Any, Any]:
    """(dL/dtheta1, dL/dtheta2) by the chain rule through time."""
    z1, z2 = states(p)
    d1 = [p["x"][0], p["x"][1] + p["theta2"] * p["x"][0]]
    d2 = [p["z0"], z1 + p["theta2"] * p["z0"]]
    steps = (0, 1) if p["loss"] == "all" else (1,)
    residual = [z1 - p["y"][0], z2 - p["y"][1]]
    return (
        sum(2 * residual[t] * d1[t] for t in steps),
        sum(2 * residual[t] * d2[t] for t in steps),
    )


def constraints(p: dict[str, Any]) -> list[str]:
    if all(g == 0 for g in gradients(p)):
        return ["both gradients are zero"]
    return []


def sample(rng: np.random.Generator) -> dict[str, Any]:
    """Draw until both gradients are non-zero; y1 is 0 when only the last state has a loss."""
    while True:
        drawn = {param.name: param.sample(rng) for param in PARAMS}
        if drawn["loss"] == "last":
            drawn["y"] = [0, drawn["y"][1]]
        if all(g != 0 for g in gradients(drawn)):
            return drawn
