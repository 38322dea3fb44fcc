"""A 1-2-1 network of sigmoid units: input x, hidden h = σ(w_i x + b_i), output σ(w₃h₁ + w₄h₂ + b₃).

The source (BITS mid-sem 2022-23 makeup, Q2 c) gives every weight to one decimal, x = 0.75 and a
target d = 1.25 that a sigmoid output can never reach; it leaves λ to the student ("assume Lambda")
and asks for no gradient step, so SOURCE fixes λ = 0.01 and η = 0.5 for the parts this family adds
(the gradient and the weight-decay step). Variants keep the source's style: one-decimal weights and
biases, an input in quarters, a target in quarters, and a calculator for the sigmoids.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import sympy

from generator.params import Decimal, Vector

WEIGHT = Decimal("w", -1, 1, digits=1)
BIAS = Decimal("b", -0.5, 0.5, digits=1)
PARAMS = (
    Decimal("x", -2, 2, digits=2, doc="input x"),
    Vector("w_in", length=2, element=WEIGHT, doc="input-to-hidden weights [w1, w2]"),
    Vector("b_h", length=2, element=BIAS, doc="hidden biases [b1, b2]"),
    Vector("w_out", length=2, element=WEIGHT, doc="hidden-to-output weights [w3, w4]"),
    Decimal("b_out", -0.5, 0.5, digits=1, doc="output bias b3"),
    Decimal("d", 0, 1.5, digits=2, doc="desired output (target)"),
    Decimal("lam", 0, 0.5, digits=3, doc="L2 penalty weight λ"),
    Decimal("lr", 0, 2, digits=2, doc="learning rate η"),
)
SOURCE = {
    "x": "0.75",
    "w_in": "[0.5, -0.6]",
    "b_h": "[0.1, -0.2]",
    "w_out": "[0.7, -0.8]",
    "b_out": "0.3",
    "d": "1.25",
    "lam": "0.01",
    "lr": "0.5",
}

TENTHS = tuple(sympy.Rational(k, 10) for k in range(-10, 11) if k != 0)
BIASES = tuple(sympy.Rational(k, 10) for k in range(-5, 6))
INPUTS = tuple(sympy.Rational(k, 4) for k in (-8, -6, -4, -3, -2, -1, 1, 2, 3, 4, 6, 8))
TARGETS = tuple(sympy.Rational(k, 4) for k in range(0, 7))
PENALTIES = (sympy.Rational(1, 100), sympy.Rational(1, 20), sympy.Rational(1, 10))
LEARNING_RATES = (sympy.Rational(1, 2), sympy.Integer(1), sympy.Integer(2))
MIN_RESIDUAL = 0.1  # |d - ŷ| below this makes the data gradient too small to read
NEAR = 0.0005  # a value this close to 0 or ±1 reads as 0 or ±1 at the four digits asked for


def _sigmoid(z: float) -> float:
    return float(1 / (1 + np.exp(-z)))


def _screen(p: dict[str, Any]) -> tuple[float, list[float], list[float]]:
    """ŷ, ∂E/∂[w1..w4] and the stepped weights in floating point, only to screen variants (the
    keys are exact in solution.py)."""
    x, w_in, w_out = float(p["x"]), [float(w) for w in p["w_in"]], [float(w) for w in p["w_out"]]
    h = [_sigmoid(w * x + float(b)) for w, b in zip(w_in, p["b_h"], strict=True)]
    y = _sigmoid(sum(w * hi for w, hi in zip(w_out, h, strict=True)) + float(p["b_out"]))
    delta = (y - float(p["d"])) * y * (1 - y)
    grad = [delta * w * hi * (1 - hi) * x for w, hi in zip(w_out, h, strict=True)]
    grad += [delta * hi for hi in h]
    weights = [*w_in, *w_out]
    lam, lr = float(p["lam"]), float(p["lr"])
    stepped = [w - lr * (g + 2 * lam * w) for w, g in zip(weights, grad, strict=True)]
    return y, grad, stepped


def _near(value: float, targets: tuple[float, ...]) -> bool:
    return any(abs(value - t) < NEAR for t in targets)


def constraints(p: dict[str, Any]) -> list[str]:
    problems = []
    if p["x"] == 0:
        problems.append("x = 0 gives the input weights a zero gradient")
    if any(w == 0 for w in [*p["w_in"], *p["w_out"]]):
        problems.append("a zero weight cuts a path of the network: pick non-zero weights")
    if p["lam"] <= 0 or p["lr"] <= 0:
        problems.append("λ and the learning rate must be positive")
    y, grad, stepped = _screen(p)
    if abs(float(p["d"]) - y) < MIN_RESIDUAL:
        problems.append(f"the output is within {MIN_RESIDUAL} of the target: gradients vanish")
    elif any(_near(g, (0.0,)) for g in grad):
        problems.append(f"a gradient entry is within {NEAR} of 0: it reads as 0 at four decimals")
    if any(_near(w, (0.0, 1.0, -1.0)) for w in stepped):
        problems.append(f"a stepped weight is within {NEAR} of 0 or ±1: it reads as a round value")
    return problems


def _pick(rng: np.random.Generator, values: tuple[Any, ...]) -> Any:
    return values[int(rng.integers(len(values)))]


def sample(rng: np.random.Generator) -> dict[str, Any]:
    return {
        "x": _pick(rng, INPUTS),
        "w_in": [_pick(rng, TENTHS) for _ in range(2)],
        "b_h": [_pick(rng, BIASES) for _ in range(2)],
        "w_out": [_pick(rng, TENTHS) for _ in range(2)],
        "b_out": _pick(rng, BIASES),
        "d": _pick(rng, TARGETS),
        "lam": _pick(rng, PENALTIES),
        "lr": _pick(rng, LEARNING_RATES),
    }
