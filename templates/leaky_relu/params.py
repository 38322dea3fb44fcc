"""Leaky ReLU with slope alpha for x < 0, evaluated with its gradient at three inputs.

The source (VIR 2019 Q3) asks only for pseudocode with alpha = 0.1; the numeric parts check the
same two cases on concrete inputs. Inputs are non-zero (the gradient at 0 is a convention) and
include both signs so both branches are exercised.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import sympy

from generator.params import Rational, Vector

ALPHAS = tuple(sympy.Rational(a) for a in ("1/100", "1/20", "1/10", "1/5", "3/10"))
INPUTS = tuple(sympy.Rational(k, 2) for k in range(-8, 9) if k)  # ±1/2 ... ±4

PARAMS = (
    Rational("alpha", 0, 1, denominators=(10, 20, 100), doc="slope for negative inputs"),
    Vector("inputs", length=3, element=Rational("inputs", -4, 4, denominators=(1, 2))),
)

# VIR 2019 Q3: alpha = 0.1 (the inputs are this project's addition).
SOURCE = {"alpha": "1/10", "inputs": "[2, -3, -1/2]"}


def constraints(p: dict[str, Any]) -> list[str]:
    problems = []
    if not 0 < p["alpha"] < 1:
        problems.append("alpha must lie strictly between 0 and 1 for a leaky ReLU")
    values = p["inputs"]
    if any(v == 0 for v in values):
        problems.append("an input is 0, where the gradient is a matter of convention")
    if all(v > 0 for v in values) or all(v < 0 for v in values):
        problems.append("all inputs have the same sign: only one branch is tested")
    return problems


def sample(rng: np.random.Generator) -> dict[str, Any]:
    return {
        "alpha": ALPHAS[int(rng.integers(len(ALPHAS)))],
        "inputs": [INPUTS[int(rng.integers(len(INPUTS)))] for _ in range(3)],
    }
