"""A one-unit RNN h_t = w h_(t-1) + u x_t with output y_t = sigmoid(v h_t) over six steps.

The BITS question: input weight u = 1, recurrent weight w = -1, output weight v = 10, zero initial
state, input 1 at t = 0 and every even t, 0 at odd t. Variants keep the hidden states small
integers, so every pre-activation v h_t is an integer a calculator turns into a sigmoid.
"""

from __future__ import annotations

from typing import Any

from generator.params import Integer, Vector

STEPS = 6
MAX_STATE = 12
MAX_ZEROS = 2

PARAMS = (
    Integer("u", -2, 2, doc="input-to-hidden weight"),
    Integer("w", -2, 2, doc="recurrent (hidden-to-hidden) weight"),
    Integer("v", -10, 10, doc="hidden-to-output weight"),
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
