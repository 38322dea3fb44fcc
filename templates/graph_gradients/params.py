"""f = relu(a x + b y + c), the sigmoid 1/(1 + e^(−z)), or x⁴ + m x² + y⁴ + n y² (BITS Pilani).

Only the chosen function's parameters matter; the sampler sets the others to 0 so two variants
that print the same question also have the same parameters. Every value is a small integer: the
ReLU and polynomial questions need no calculator, the sigmoid one needs e^z.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from generator.params import Choice, Integer

FUNCTIONS = ("relu_affine", "sigmoid", "polynomial")
NONZERO = (-3, -2, -1, 1, 2, 3)

PARAMS = (
    Choice("function", FUNCTIONS, doc="relu(ax+by+c), 1/(1+e^-z) or x^4 + m x^2 + y^4 + n y^2"),
    Integer("a", -5, 5, doc="relu_affine: weight of x"),
    Integer("b", -5, 5, doc="relu_affine: weight of y"),
    Integer("c", -9, 9, doc="relu_affine: bias"),
    Integer("x", -4, 4, doc="relu_affine and polynomial: input x"),
    Integer("y", -4, 4, doc="relu_affine and polynomial: input y"),
    Integer("z", -5, 5, doc="sigmoid: input z"),
    Integer("m", -40, 0, doc="polynomial: coefficient of x^2"),
    Integer("n", -40, 0, doc="polynomial: coefficient of y^2"),
)
UNUSED = {"a": 0, "b": 0, "c": 0, "x": 0, "y": 0, "z": 0, "m": 0, "n": 0}

# BITS end-sem Q5: f = relu(ax + by + c) at a = 3, b = 2, c = −5, x = 2, y = 3.
SOURCE = {**UNUSED, "function": "relu_affine", "a": 3, "b": 2, "c": -5, "x": 2, "y": 3}
# BITS Q5 (the other paper): f = 1/(1 + e^(−z)) at z = 3.
SOURCE_SIGMOID = {**UNUSED, "function": "sigmoid", "z": 3}
# BITS Q5 (a): f = x⁴ − 32x² + y⁴ − 18y² at x = y = 2.
SOURCE_POLYNOMIAL = {**UNUSED, "function": "polynomial", "x": 2, "y": 2, "m": -32, "n": -18}


def constraints(p: dict[str, Any]) -> list[str]:
    problems = []
    if p["function"] == "relu_affine":
        s = p["a"] * p["x"] + p["b"] * p["y"] + p["c"]
        if s == 0:
            problems.append("ax + by + c = 0 is the ReLU's kink: its derivative is undefined")
        elif s < 0:
            problems.append(f"ax + by + c = {s} < 0: the ReLU is off and every gradient is 0")
        elif s == 1:
            problems.append(
                "ax + by + c = 1: a forward value of 1 is guessed as easily as computed"
            )
    if p["function"] == "polynomial":
        x, y, m, n = p["x"], p["y"], p["m"], p["n"]
        if 4 * x**3 + 2 * m * x == 0 and 4 * y**3 + 2 * n * y == 0:
            problems.append("(x, y) is a stationary point: both derivatives are 0")
        if abs(x**4 + m * x**2 + y**4 + n * y**2) <= 1:
            problems.append("f(x, y) is 0 or ±1: a value guessed as easily as computed")
    return problems


def sample(rng: np.random.Generator) -> dict[str, Any]:
    function = FUNCTIONS[int(rng.integers(len(FUNCTIONS)))]
    if function == "relu_affine":
        a, b, x, y = (int(rng.choice(NONZERO)) for _ in range(4))
        return {
            **UNUSED,
            "function": function,
            "a": a,
            "b": b,
            "x": x,
            "y": y,
            "c": int(rng.integers(-6, 7)),
        }
    if function == "sigmoid":
        return {**UNUSED, "function": function, "z": int(rng.integers(-3, 4))}
    return {
        **UNUSED,
        "function": function,
        "x": int(rng.choice(NONZERO)),
        "y": int(rng.choice(NONZERO)),
        "m": -2 * int(rng.integers(1, 19)),
        "n": -2 * int(rng.integers(1, 19)),
    }
