"""Two steps of one optimizer on a separable polynomial of two weights or on a sigmoid neuron.

The polynomial is f(w1, w2) = sum_i (C[i][0] w_i^3 + C[i][1] w_i^2 + C[i][2] w_i) + const; the
neuron is the binary cross-entropy of sigma(w x + b) against a target y, with weights [w, b].
"""

from __future__ import annotations

import math
from functools import cache
from typing import Any

import numpy as np

from generator.dag import Graph, collect
from generator.params import Choice, Decimal, Integer, Matrix, Vector

from . import solution

OPTIMIZERS = ("sgd", "momentum", "adam", "adam_nobc", "rprop")
PARAMS = (
    Choice("optimizer", OPTIMIZERS, doc="update rule (adam_nobc: Adam without bias correction)"),
    Choice("objective", ("poly", "neuron"), doc="the function minimised"),
    Matrix(
        "coeffs",
        rows=2,
        cols=3,
        element=Decimal("coeffs", -30, 30, digits=1),
        doc="poly: coefficients of w_i^3, w_i^2, w_i for i = 1, 2",
    ),
    Integer("const", -20, 20, doc="poly: constant term (does not affect the steps)"),
    Vector("w0", length=2, element=Decimal("w0", -5, 5, digits=1), doc="initial weights"),
    Decimal("x", -5, 5, digits=1, doc="neuron: input"),
    Decimal("y", 0, 1, digits=2, doc="neuron: target in [0, 1]"),
    Decimal("lr", 0, 2, digits=3, doc="learning rate eta"),
    Decimal("beta1", 0, 1, digits=2, doc="momentum beta / Adam beta_1"),
    Decimal("beta2", 0, 1, digits=3, doc="Adam beta_2"),
    Decimal("step0", 0, 2, digits=2, doc="RPROP initial step size Delta_0"),
    Decimal("grow", 1, 2, digits=2, doc="RPROP factor eta+ > 1 when the sign is kept"),
    Decimal("shrink", 0, 1, digits=2, doc="RPROP factor eta- < 1 when the sign flips"),
)
# BITS: Adam, one iteration with bias correction, on a sigmoid neuron with BCE.
SOURCE = {
    "optimizer": "adam",
    "objective": "neuron",
    "coeffs": "[[0, 3, 0], [1.5, 0, 0]]",
    "const": 0,
    "w0": "[-2, -2]",
    "x": "3.5",
    "y": "0.5",
    "lr": "0.1",
    "beta1": "0.9",
    "beta2": "0.99",
    "step0": "1",
    "grow": "1.1",
    "shrink": "0.8",
}
MIN_GRADIENT = 0.05


def constraints(p: dict[str, Any]) -> list[str]:
    problems = []
    if p["lr"] <= 0:
        problems.append("the learning rate must be positive")
    if not (0 <= p["beta1"] < 1 and 0 < p["beta2"] < 1):
        problems.append("the decay rates must satisfy 0 <= beta1 < 1 and 0 < beta2 < 1")
    if not (p["grow"] > 1 > p["shrink"] > 0 and p["step0"] > 0):
        problems.append("RPROP needs Delta_0 > 0 and 0 < eta- < 1 < eta+")
    if p["objective"] == "neuron" and not 0 <= p["y"] <= 1:
        problems.append("the target y must lie in [0, 1]")
    if any(abs(g) < MIN_GRADIENT for g in _initial_gradient(p)):
        problems.append(
            f"a gradient component at w0 is below {MIN_GRADIENT} in size: that weight would "
            "barely move (a saturated sigmoid or a point next to a minimum)"
        )
    if problems:
        return problems
    after = solution_graph().evaluate(p, wanted=("w1", "grad1", "w2"))
    if any(v == 0 for v in after["grad1"]):
        problems.append("the first step lands on a critical point of one weight: it stops there")
    if any(v == 0 for name in ("w1", "w2") for v in after[name]):
        problems.append(
            "a weight lands exactly on 0 after a step (a coincidence a student guesses)"
        )
    return problems


@cache
def solution_graph() -> Graph:
    return Graph(collect(vars(solution)), [p.name for p in PARAMS])


def _initial_gradient(p: dict[str, Any]) -> list[float]:
    """The gradient at w0 in closed form (floats: only compared with MIN_GRADIENT)."""
    if p["objective"] == "neuron":
        w, b = (float(v) for v in p["w0"])
        x, y = float(p["x"]), float(p["y"])
        error = 1 / (1 + math.exp(-(w * x + b))) - y
        return [error * x, error]
    return [
        float(3 * c3 * w**2 + 2 * c2 * w + c1)
        for (c3, c2, c1), w in zip(p["coeffs"], p["w0"], strict=True)
    ]


def sample(rng: np.random.Generator) -> dict[str, Any]:
    def pick(options: tuple[str, ...]) -> str:
        return options[int(rng.integers(len(options)))]

    cubic = pick(("0", "0", "1", "-1"))
    coeffs = [
        [cubic, pick(("1", "2", "3", "5")), pick(("0", "-2", "4", "6", "-8"))],
        [pick(("0", "0", "1")), pick(("1", "2", "3", "1/2")), pick(("0", "1", "-3", "2"))],
    ]
    # Plain and momentum steps scale with the gradient: smaller rates when a cubic term is there.
    small = cubic != "0" or coeffs[1][0] != "0"
    return {
        "optimizer": pick(OPTIMIZERS),
        "objective": pick(("poly", "poly", "neuron")),
        "coeffs": coeffs,
        "const": int(rng.integers(-5, 6)),
        "w0": [pick(("-2", "-1", "1", "2", "1/2")), pick(("-2", "-1", "1", "2", "-1/2"))],
        "x": pick(("-2", "-1", "1", "2", "3", "1/2")),
        "y": pick(("0", "1", "1/2", "1/4", "3/4")),
        "lr": pick(("1/50", "1/100") if small else ("1/10", "1/20", "1/5")),
        "beta1": pick(("1/2", "9/10", "4/5")),
        "beta2": pick(("9/10", "99/100", "999/1000")),
        "step0": pick(("1", "1/2", "1/10")),
        "grow": pick(("6/5", "3/2", "11/10")),
        "shrink": pick(("1/2", "4/5")),
    }
