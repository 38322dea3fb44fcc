"""A one-unit RNN h_t = w h_(t-1) + u x_t with output y_t = sigmoid(v h_t) over six steps.

The BITS question: input weight u = 1, recurrent weight w = -1, output weight v = 10, zero initial
state, input 1 at t = 0 and every even t, 0 at odd t. Variants keep the hidden states small
integers, so every pre-activation v h_t is an integer a calculator turns into a sigmoid.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import sympy

from generator.params import Integer, Rational, Vector

STEPS = 6
MAX_STATE = 12
MAX_ZEROS = 2
# |v h_t| at most this keeps every output between sigma(-5) = 0.0067 and sigma(5) = 0.9933, so no
# output reads 0.00 or 1.00 at two decimals (the source's v = 10 saturates; its variants do not).
MAX_PRE_ACTIVATION = 5
OUTPUT_WEIGHTS = tuple(sympy.Rational(k, 2) for k in (-6, -4, -3, -2, -1, 1, 2, 3, 4, 6))
ATTEMPTS = 500

PARAMS = (
    Integer("u", -2, 2, doc="input-to-hidden weight"),
    Integer("w", -2, 2, doc="recurrent (hidden-to-hidden) weight"),
    Rational("v", -10, 10, denominators=(1, 2), doc="hidden-to-output weight"),
    Integer("h_init", -1, 1, doc="hidden state before t = 0"),
    Vector("x", length=STEPS, element=Integer("x", 0, 1), doc="inputs x0 ... x5"),
)

SOURCE = {"u": 1, "w": -1, "v": 10, "h_init": 0, "x": "[1, 0, 1, 0, 1, 0]"}


def states(p: dict[str, Any]) -> list[Any]:
    """h_0 ... h_5 by the recurrence (used to reject degenerate or unwieldy draws)."""
    result, previous = [], p["h_init"]
    for value in p["x"]:
        previous = p["w"] * previous + p["u"] * value
        result.append(previous)
    return result


def constraints(p: dict[str, Any]) -> list[str]:
    problems = []
    if p["w"] == 0:
        problems.append("recurrent weight w = 0: the network has no memory")
    if p["u"] == 0:
        problems.append("input weight u = 0: the inputs never reach the hidden unit")
    if p["v"] == 0:
        problems.append("output weight v = 0: every output is 1/2")
    h = states(p)
    if sum(value == 0 for value in h) > MAX_ZEROS:
        problems.append(
            f"more than {MAX_ZEROS} hidden states are zero (a flat, uninformative plot)"
        )
    if any(abs(value) > MAX_STATE for value in h):
        problems.append(f"a hidden state exceeds {MAX_STATE} in size (not hand-friendly)")
    return problems


def sample(rng: np.random.Generator) -> dict[str, Any]:
    """Weights whose output pre-activations stay within +-MAX_PRE_ACTIVATION, no zero state."""
    params: dict[str, Any] = {}
    for _ in range(ATTEMPTS):
        params = {
            "u": int(rng.choice((-2, -1, 1, 2))),
            "w": int(rng.choice((-2, -1, 1, 2))),
            "v": OUTPUT_WEIGHTS[int(rng.integers(len(OUTPUT_WEIGHTS)))],
            "h_init": int(rng.integers(-1, 2)),
            "x": [int(b) for b in rng.integers(0, 2, size=STEPS)],
        }
        h = states(params)
        # No zero state either: y = 1/2 there, whatever the weights (the plot goes flat).
        if 0 not in h and max(abs(params["v"] * value) for value in h) <= MAX_PRE_ACTIVATION:
            break
    return params
