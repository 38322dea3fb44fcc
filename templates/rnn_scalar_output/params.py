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


OUTPUT_WEIGHTS = (-3, -2, -1, 2, 3)  # v = 1 would make y2 = h2, asking the same twice
OFF_SHARE = 0.2  # variants where h1 is off, so dy2/du = 0 through the cut path (by design)
MAX_STATE = 60
ATTEMPTS = 500


def sample(rng: np.random.Generator) -> dict[str, Any]:
    """h1 active in most variants, so dy2/du = v (h1 + u h0) is a real product; off (the
    cut-path lesson) in a fifth of them. h2 stays a size a student multiplies by hand, and no
    two answers coincide."""
    off = rng.random() < OFF_SHARE
    params: dict[str, Any] = {}
    for _ in range(ATTEMPTS):
        params = {
            "u": int(rng.choice(NONZERO)),
            "w": int(rng.choice(NONZERO)),
            "v": int(rng.choice(OUTPUT_WEIGHTS)),
            "h0": PARAMS[3].sample(rng),
            "x": PARAMS[4].sample(rng),
        }
        u, w, h0, x = params["u"], params["w"], params["h0"], params["x"]
        z1 = u * h0 + w * x[0]
        z2 = u * max(z1, 0) + w * x[1]
        gradient = 0 if z1 < 0 else params["v"] * (z1 + u * h0)
        if (
            (z1 < 0) == off
            and 1 < z2 <= MAX_STATE  # h2 = 1 would make y2 = v
            and (off or gradient != 0)
            and gradient not in (z2, params["v"] * z2)  # dy2/du = h2 or y2 by coincidence
        ):
            break
    return params
