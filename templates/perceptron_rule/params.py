"""A two-input perceptron with threshold, learning rate, bias and weights of one decimal, trained
for one epoch on the four binary input patterns with targets +-1."""

from __future__ import annotations

from typing import Any

import numpy as np

from generator.params import Choice, Decimal, Integer, Matrix, Vector

PATTERNS = ((1, 1), (1, 0), (0, 1), (0, 0))
PARAMS = (
    Decimal("theta", -1, 1, digits=1, doc="threshold: the output is +1 when w.x + b >= theta"),
    Decimal("lr", 0.1, 1, digits=2, doc="learning rate eta"),
    Decimal("b0", -2, 2, digits=1, doc="initial bias"),
    Vector("w0", length=2, element=Decimal("w0", -1, 1, digits=1), doc="initial weights"),
    Matrix("X", rows=4, cols=2, element=Integer("X", 0, 1), doc="inputs, one example a row"),
    Vector("t", length=4, element=Choice("t", (1, -1)), doc="targets"),
)
# BITS mid-semester test Q1: threshold 0.5, learning rate 0.6, bias -2, w = (0.3, 0.7).
SOURCE = {
    "theta": "0.5",
    "lr": "0.6",
    "b0": -2,
    "w0": "[0.3, 0.7]",
    "X": "[[1, 1], [1, 0], [0, 1], [0, 0]]",
    "t": "[1, 1, -1, 1]",
}
RATES = ("0.1", "0.2", "0.25", "0.3", "0.4", "0.5", "0.6", "1")


def _net_inputs(p: dict[str, Any]) -> tuple[list[Any], int]:
    """Net inputs of the epoch and the number of updates (a plain re-run, to judge the variant)."""
    b, w = p["b0"], list(p["w0"])
    nets, updates = [], 0
    for x, t in zip(p["X"], p["t"], strict=True):
        z = w[0] * x[0] + w[1] * x[1] + b
        h = 1 if z >= p["theta"] else -1
        nets.append(z)
        if h != t:
            updates += 1
            b += p["lr"] * (t - h)
            w = [wi + p["lr"] * (t - h) * xi for wi, xi in zip(w, x, strict=True)]
    return nets, updates


def constraints(p: dict[str, Any]) -> list[str]:
    if p["lr"] <= 0:
        return ["the learning rate must be positive"]
    nets, updates = _net_inputs(p)
    problems = []
    ties = [k + 1 for k, z in enumerate(nets) if z == p["theta"]]
    if ties:
        problems.append(f"example(s) {ties} hit the threshold exactly: >= versus > would matter")
    if updates == 0:
        problems.append("no example is misclassified: the epoch changes nothing")
    if updates == len(nets):
        problems.append("every example is misclassified: no row tests the no-update case")
    return problems


def sample(rng: np.random.Generator) -> dict[str, Any]:
    order = rng.permutation(len(PATTERNS))
    return {
        "theta": f"{int(rng.integers(-5, 6)) / 10:.1f}",
        "lr": RATES[int(rng.integers(len(RATES)))],
        "b0": f"{int(rng.integers(-20, 21)) / 10:.1f}",
        "w0": [f"{int(v) / 10:.1f}" for v in rng.integers(-10, 11, size=2)],
        "X": [list(PATTERNS[int(k)]) for k in order],
        "t": [int(v) for v in rng.choice((1, -1), size=4)],
    }
