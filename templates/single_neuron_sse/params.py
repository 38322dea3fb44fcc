"""One sigmoid neuron with two inputs, a target outside (0, 1) and the squared-error loss.

BITS end-sem 2022-23, Q4 (b): x = [0.65, 0.75], target 2.5, w = [0.3, 0.5], b = 1.75 (the
parameters and eta = 2 are in the figure the extracted text lost; the printed solution lists them)
and "evaluate his selection of parameters". The point of the question is that a sigmoid output
lies in (0, 1), so a target of 2.5 is out of reach whatever the parameters: the loss never goes
below 1/2 (2.5 - 1)^2. Variants keep that: the target is always outside [0, 1]. The family adds
the gradient and one gradient-descent step with the eta the source names.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import sympy

from generator.params import Decimal, Vector

PARAMS = (
    Vector("x", length=2, element=Decimal("x", -1, 1, digits=2), doc="inputs [x1, x2]"),
    Decimal("target", -4, 5, digits=2, doc="desired output y (outside [0, 1])"),
    Vector("w", length=2, element=Decimal("w", -1, 1, digits=1), doc="weights [w1, w2]"),
    Decimal("b", -3, 3, digits=2, doc="bias b"),
    Decimal("lr", 0, 5, digits=2, doc="learning rate eta"),
)
SOURCE = {"x": "[0.65, 0.75]", "target": "2.5", "w": "[0.3, 0.5]", "b": "1.75", "lr": "2"}

# Targets in steps of 0.05 at least 0.25 outside [0, 1] (-4 ... -0.25 and 1.25 ... 5), so the
# loss floor of (f) takes 76 values and the target is clearly out of reach.
TARGETS = tuple(sympy.Rational(k, 20) for k in (*range(-80, -4), *range(25, 101)))
LEARNING_RATES = (sympy.Rational(1, 2), sympy.Integer(1), sympy.Integer(2))


def constraints(p: dict[str, Any]) -> list[str]:
    problems = []
    if 0 <= p["target"] <= 1:
        problems.append("the target lies in [0, 1]: the question is about a target out of reach")
    if any(v == 0 for v in p["x"]):
        problems.append("an input is 0: its weight gets no gradient")
    if p["lr"] <= 0:
        problems.append("the learning rate must be positive")
    return problems


def sample(rng: np.random.Generator) -> dict[str, Any]:
    """Inputs in steps of 0.05, weights in tenths, bias in quarters (the source's style)."""
    inputs = [k for k in range(-20, 21) if k != 0]
    return {
        "x": [sympy.Rational(int(rng.choice(inputs)), 20) for _ in range(2)],
        "target": TARGETS[int(rng.integers(len(TARGETS)))],
        "w": [sympy.Rational(int(rng.integers(-9, 10)), 10) for _ in range(2)],
        "b": sympy.Rational(int(rng.integers(-8, 9)), 4),
        "lr": LEARNING_RATES[int(rng.integers(len(LEARNING_RATES)))],
    }
