"""Backprop through y = sin(wᵀx) − b or y = sin(w)ᵀx − b, with an L2, logistic or −log loss.

Weights are multiples of π/6 or of π/4 (both entries from the same family), so every sine and
cosine a student needs is one of 0, ±1/2, ±√2/2, ±√3/2, ±1 and the forward pass needs no
calculator. Labels are drawn per loss so the loss is defined: ±1 for the logistic loss, a label
with y·l > 0 for −log(y·l).
"""

from __future__ import annotations

from functools import cache
from typing import Any

import numpy as np
import sympy

from generator.dag import Graph, collect
from generator.params import Choice, Integer, Rational, Real, Vector

from . import solution

SIXTHS = tuple(sympy.pi * k / 6 for k in range(1, 7))  # π/6 ... π
QUARTERS = tuple(sympy.pi * k / 4 for k in range(1, 5))  # π/4 ... π
WEIGHT_TEXTS = ("pi/6", "pi/4", "pi/3", "pi/2", "2*pi/3", "3*pi/4", "5*pi/6", "pi")
X_VALUES = (-2, -1, 1, 2, 3)
LABELS = {"l2": (-2, -1, 0, 1, 2), "logistic": (-1, 1), "neglog": (-2, -1, 1, 2)}
BIASES = (-1, 0, 1)
LEARNING_RATES = (sympy.Rational(1, 4), sympy.Rational(1, 2), sympy.Integer(1))

PARAMS = (
    Choice("network", ("sin_of_dot", "dot_of_sin"), doc="y = sin(wᵀx) − b or y = sin(w)ᵀx − b"),
    Choice("loss", ("l2", "logistic", "neglog"), doc="(y−l)², log(1+exp(−l·y)) or −log(y·l)"),
    Vector("x", length=2, element=Integer("x", -3, 3), doc="input"),
    Vector("w", length=2, element=Real("w", values=WEIGHT_TEXTS), doc="weights"),
    Integer("b", -2, 2, doc="bias (printed for sin_of_dot, and for dot_of_sin when non-zero)"),
    Integer("label", -2, 2, doc="label l"),
    Rational("lr", 0, 1, denominators=(1, 2, 4, 10), doc="SGD learning rate α"),
)

# VIR 2019 Q1 (seed 000): y = sin(wᵀx) − b with the L2 loss.
SOURCE = {
    "network": "sin_of_dot",
    "loss": "l2",
    "x": "[2, 1]",
    "w": "[pi/2, pi]",
    "b": 0,
    "label": 2,
    "lr": "1/2",
}
# The other two source questions, for --set and the tests: VIR 2021 Q2 (seed 001) and
# VIR 2022 midterm Q3 (seed 002), both y = sin(w)ᵀx with x = [2, 1], w = [π/2, π], l = 1.
SOURCE_2021 = {**SOURCE, "network": "dot_of_sin", "loss": "logistic", "label": 1}
SOURCE_2022 = {**SOURCE, "network": "dot_of_sin", "loss": "neglog", "label": 1}


@cache
def solution_graph() -> Graph:
    return Graph(collect(vars(solution)), [p.name for p in PARAMS])


def constraints(p: dict[str, Any]) -> list[str]:
    """Reasons the loss or the chain rule would be meaningless, using the solution's quantities."""
    problems = []
    if p["lr"] <= 0:
        problems.append("the learning rate must be positive")
    if p["loss"] == "logistic" and p["label"] not in (-1, 1):
        problems.append(f"the logistic loss log(1 + exp(−l·y)) needs l = ±1, got {p['label']}")
    y = solution_graph().evaluate(p, wanted=("y",))["y"]
    if p["loss"] == "neglog" and not (y * p["label"]).is_positive:
        product = sympy.sstr(y * p["label"])
        problems.append(f"−log(y·l) is undefined: y·l = {product} is not positive")
        return problems
    grad = solution_graph().evaluate(p, wanted=("grad_w",))["grad_w"]
    if all(g == 0 for g in grad):
        problems.append("∂L/∂w is zero: pick weights, inputs or a label that give a gradient")
    return problems


def sample(rng: np.random.Generator) -> dict[str, Any]:
    network = str(rng.choice(("sin_of_dot", "dot_of_sin")))
    loss = str(rng.choice(("l2", "logistic", "neglog")))
    family = SIXTHS if rng.integers(2) else QUARTERS
    if network == "dot_of_sin":
        # dy/dw_i = x_i cos(w_i): w_i = π/2 would leave that weight where it is.
        family = tuple(w for w in family if w != sympy.pi / 2)
    return {
        "network": network,
        "loss": loss,
        "x": [int(rng.choice(X_VALUES)) for _ in range(2)],
        "w": [family[int(rng.integers(len(family)))] for _ in range(2)],
        # The 2021/2022 questions have no bias; keep that network bias-free as printed there.
        "b": int(rng.choice(BIASES)) if network == "sin_of_dot" else 0,
        "label": int(rng.choice(LABELS[loss])),
        "lr": LEARNING_RATES[int(rng.integers(len(LEARNING_RATES)))],
    }
