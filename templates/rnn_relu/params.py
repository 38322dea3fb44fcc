"""h_t = ReLU(V h_(t-1) + W x_t) with scalar V, W, h0 and three inputs.

Pre-activations are never exactly 0 (the stated ReLU'(0) convention is kept as the source states
it, but a kink would make the finite-difference check meaningless), and at least one derivative
is non-zero.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from generator.params import Choice, Integer, Rational, Vector

NONZERO = (-3, -2, -1, 1, 2, 3)

PARAMS = (
    Integer("V", -3, 3, doc="recurrent weight"),
    Integer("W", -3, 3, doc="input weight"),
    Integer("h0", -3, 3, doc="initial hidden state"),
    Vector("x", length=3, element=Rational("x", -2, 4, denominators=(1, 2)), doc="x1, x2, x3"),
    Choice("relu0", (0, 1), doc="the stated value of ReLU'(0)"),
)

SOURCE = {"V": -2, "W": 1, "h0": 2, "x": "[2, 3/2, 4]", "relu0": 0}


def pre_activations(p: dict[str, Any]) -> list[Any]:
    """z1, z2, z3 of the forward pass (to reject kinks before the solution is built)."""
    result, h = [], p["h0"]
    for value in p["x"]:
        z = p["V"] * h + p["W"] * value
        result.append(z)
        h = max(z, 0)
    return result


def constraints(p: dict[str, Any]) -> list[str]:
    zs = pre_activations(p)
    problems = [f"z{t + 1} = 0 sits on the ReLU kink" for t, z in enumerate(zs) if z == 0]
    if zs[-1] < 0:
        problems.append("h3 is a dead ReLU: every derivative of h3 is zero")
    if p["V"] == 0 or p["W"] == 0:
        problems.append("a zero weight cuts the recurrence or the input")
    return problems


OFF_SHARE = 0.2  # variants where one unit is off, so a gradient path is cut (as in the source)
MAX_STATE = 30  # hidden states a student still multiplies by hand
ATTEMPTS = 500


def sample(rng: np.random.Generator) -> dict[str, Any]:
    """Every unit active in most variants (each derivative is then a non-trivial product);
    in a fifth of them exactly one of the first two units is off, the source's lesson that an
    inactive ReLU blocks the gradient. ReLU'(0) stays the source's 0: kinks are never drawn, so
    its value changes no answer."""
    off = int(rng.random() < OFF_SHARE)
    params: dict[str, Any] = {}
    for _ in range(ATTEMPTS):
        params = {
            "V": int(rng.choice(NONZERO)),
            "W": int(rng.choice(NONZERO)),
            "h0": PARAMS[2].sample(rng),
            "x": PARAMS[3].sample(rng),
            "relu0": 0,
        }
        zs = pre_activations(params)
        if (
            sum(bool(z < 0) for z in zs[:2]) == off
            and all(z > 0 for z in zs[2:])
            and max(abs(z) for z in zs) <= MAX_STATE
            and abs(params["V"] * params["V"] * params["W"]) != 1  # dh3/dx1 = V^2 W = +-1
        ):
            break
    return params
