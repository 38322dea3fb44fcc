"""h_t = ReLU(u h_(t-1) + w x_t), y_2 = v h_2, over two steps.

The seed's figure contradicted its equation (it swapped u and w); here the figure is drawn from
the equation, so only one reading exists. Pre-activations avoid the ReLU kink, and h2 is active
so that dy2/du is not trivially zero.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from generator.params import Integer, Vector

NONZERO = (-3, -2, -1, 1, 2, 3)

PARAMS = (
    Integer("u", -3, 3, doc="recurrent weight"),
    Integer("w", -3, 3, doc="input weight"),
    Integer("v", -3, 3, doc="output weight"),
    Integer("h0", -3, 3, doc="initial hidden state"),
    Vector("x", length=2, element=Integer("x", -2, 3), doc="x1, x2"),
)

SOURCE = {"u": 3, "w": 2, "v": -1, "h0": 3, "x": "[1, 2]"}


def constraints(p: dict[str, Any]) -> list[str]:
    z1 = p["u"] * p["h0"] + p["w"] * p["x"][0]
    z2 = p["u"] * max(z1, 0) + p["w"] * p["x"][1]
    problems = [f"z{t} = 0 sits on the ReLU kink" for t, z in ((1, z1), (2, z2)) if z == 0]
    if z2 < 0:
        problems.append("h2 is a dead ReLU: y2 and dy2/du are zero")
    if 0 in (p["u"], p["w"], p["v"]):
        problems.append("a zero weight")
    return problems


def sample(rng: np.random.Generator) -> dict[str, Any]:
    return {
        "u": int(rng.choice(NONZERO)),
        "w": int(rng.choice(NONZERO)),
        "v": int(rng.choice(NONZERO)),
        "h0": PARAMS[3].sample(rng),
        "x": PARAMS[4].sample(rng),
    }
