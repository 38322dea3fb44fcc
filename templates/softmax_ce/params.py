"""Logits from a dense layer or given outright, softmax, cross-entropy and its gradients.

Two source shapes share the family (``layer``):
  dense   BITS sample Q1: a = [2, 0, 1, 0] into a 3x4 dense layer with bias, then softmax;
  logits  BITS DSECLZG524 mid-sem 2021 makeup Q1 B: logits [10, 8, 12, 5] over four classes.
Only the chosen shape's numbers are printed; the sampler zeroes the others, so two variants that
print the same question also have the same parameters. Classes are numbered from 1 (the 2021 paper
numbers them 0-3, so its "class 1" and "class 3" are classes 2 and 4 here). The derivation parts
use their own three-class setting (``wrt``, ``true3``), as the 2023-24 paper asks it in general.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import sympy

from generator.params import Choice, Decimal, Integer, Matrix, Rational, Vector

from .solution import logits_of

LAYERS = ("dense", "logits")
PARAMS = (
    Choice("layer", LAYERS, doc="logits from a dense layer z = W a + b, or given"),
    Vector("a", length=4, element=Integer("a", -3, 3), doc="dense: input of the output layer"),
    Matrix("W", rows=3, cols=4, element=Decimal("W", -1, 1, digits=1), doc="dense: weights"),
    Vector("b", length=3, element=Decimal("b", -1, 1, digits=1), doc="dense: biases"),
    Vector("logits", length=4, element=Integer("logits", -5, 15), doc="logits: the four logits"),
    Integer("label", 1, 4, doc="true class c (1-based)"),
    Integer("first", 1, 4, doc="part c: the class i of p_i - p_j"),
    Integer("second", 1, 4, doc="part c: the class j of p_i - p_j"),
    Integer("wrt", 1, 3, doc="part f: the logit z_j differentiated by"),
    Integer("true3", 1, 3, doc="part f: the true class of the three-class problem"),
    Integer("classes", 2, 1000, doc="part h: the number K of classes predicted uniformly"),
    Rational(
        "temperature",
        0,
        4,
        denominators=(1, 2),
        doc="part g: the sigmoid's temperature T in a = sigma(z / T) (the source has T = 1)",
    ),
)
# Temperatures for part g: a = sigma(z / T) gives dL/dz = (sigma(z / T) - y) / T, so the chain
# rule's last factor is seen (with T = 1 only, the key was always sigma(z) - y).
TEMPERATURES = ("1", "2", "3", "4", "1/2")
MAX_SPREAD = 7
ZERO_DENSE = {"a": [0] * 4, "W": [[0] * 4 for _ in range(3)], "b": [0] * 3}
SOURCE = {
    **ZERO_DENSE,
    "layer": "logits",
    "logits": "[10, 8, 12, 5]",
    "label": 3,  # the paper feeds the predicted class (logit 12) to the loss
    "first": 2,
    "second": 4,
    "wrt": 1,
    "true3": 1,
    "classes": 8,
    "temperature": 1,
}
# BITS sample Q1 (the TensorFlow snippet): the output layer's input, weights and biases.
SOURCE_DENSE = {
    **SOURCE,
    "layer": "dense",
    "a": "[2, 0, 1, 0]",
    "W": "[[0.2, 0.3, 0.2, 0.1], [0.1, 0.2, 0.5, 0.1], [0.2, 0.1, 0.1, 0.1]]",
    "b": "[0.3, 0.1, 0.1]",
    "logits": "[0, 0, 0, 0]",
    "label": 1,
    "first": 1,
    "second": 3,
}
TENTHS = tuple(sympy.Rational(k, 10) for k in range(-5, 6))
CLASS_COUNTS = (2, 4, 5, 8, 10, 20, 100, 1000)


def constraints(p: dict[str, Any]) -> list[str]:
    problems = []
    z = logits_of(p)
    n = len(z)
    for name in ("label", "first", "second"):
        if p[name] > n:
            problems.append(f"{name} = {p[name]} but there are only {n} classes")
    if p["first"] == p["second"]:
        problems.append("part c compares a class with itself: pick two different classes")
    if z.count(max(z)) > 1:
        problems.append("two classes share the largest logit: the predicted class is ambiguous")
    return problems


def _pick(rng: np.random.Generator, values: tuple[Any, ...]) -> Any:
    return values[int(rng.integers(len(values)))]


def sample(rng: np.random.Generator) -> dict[str, Any]:
    layer = _pick(rng, LAYERS)
    if layer == "dense":
        n = 3
        shape: dict[str, Any] = {
            "a": [int(rng.integers(0, 4)) for _ in range(4)],
            "W": [[_pick(rng, TENTHS) for _ in range(4)] for _ in range(3)],
            "b": [_pick(rng, TENTHS) for _ in range(3)],
            "logits": [0] * 4,
        }
    else:
        n = 4
        # Distinct logits at most MAX_SPREAD apart, so no probability reads 0.000 (e^-7 > 0.0009).
        offset = int(rng.integers(-3, 6))
        spread = rng.choice(MAX_SPREAD + 1, size=4, replace=False)
        shape = {**ZERO_DENSE, "logits": [int(v) + offset for v in spread]}
    first, second = (int(c) + 1 for c in rng.choice(n, size=2, replace=False))
    return {
        **shape,
        "layer": layer,
        "label": int(rng.integers(1, n + 1)),
        "first": first,
        "second": second,
        "wrt": int(rng.integers(1, 4)),
        "true3": int(rng.integers(1, 4)),
        "classes": _pick(rng, CLASS_COUNTS),
        "temperature": _pick(rng, TEMPERATURES),
    }
