"""A linear RNN z_t = theta1 x_t + theta2 z_(t-1) unrolled over two steps.

The seeds' figure is missing; this is the most plausible network for both sources. VIR 2019 Q10
(theta1 = 1, theta2 = 0, z0 = 0, x = (0, 1), y = (1, 3), loss on both steps) gives a non-zero
gradient for theta1 only with theta1 as the input weight. VIR 2022 Q2 (theta = 2, z0 = 1,
x = (1, -1), loss on z2 only, target 0) is theta1 = 1, theta2 = theta with loss = last.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import numpy as np

from generator.dag import Graph, collect
from generator.params import Choice, Integer, Vector

from . import solution

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


@cache
def solution_graph() -> Graph:
    return Graph(collect(vars(solution)), [p.name for p in PARAMS])


def answers(p: dict[str, Any]) -> dict[str, Any]:
    """The states, loss and gradients the solution computes for these parameters."""
    wanted = ("z", "loss_value", "grad_theta1", "grad_theta2")
    return solution_graph().evaluate(p, wanted=wanted)


def constraints(p: dict[str, Any]) -> list[str]:
    """Reject variants whose answers give themselves away (the source's own question passes)."""
    values = answers(p)
    gradients = (values["grad_theta1"], values["grad_theta2"])
    if all(g == 0 for g in gradients):
        return ["both gradients are zero"]  # the loss is 0 or the states zero too: one reason
    problems = []
    if all(state == 0 for state in values["z"]):
        problems.append("both hidden states are zero: the forward pass is trivial")
    if values["loss_value"] in (0, 1):
        problems.append(f"the loss is {values['loss_value']}: a value guessed without working")
    keys = (values["loss_value"], *gradients)
    if len(set(keys)) < len(keys):
        problems.append("the loss and the two gradients must differ: one answer would copy another")
    return problems


def sample(rng: np.random.Generator) -> dict[str, Any]:
    """Draw until both gradients are non-zero (the source's dL/dtheta2 = 0 is not repeated);
    y1 is 0 when only the last state has a loss."""
    while True:
        drawn = {param.name: param.sample(rng) for param in PARAMS}
        if drawn["loss"] == "last":
            drawn["y"] = [0, drawn["y"][1]]
        values = answers(drawn)
        if values["grad_theta1"] != 0 and values["grad_theta2"] != 0:
            return drawn
