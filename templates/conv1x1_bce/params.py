"""Three 2x2 input channels, a 1x1 kernel w, a binary 2x2 target y and a learning rate.

Every max-pool window (2x2, stride 2, one ring of zero padding on a 2x2 map) holds exactly one conv
value and three padding zeros, so the pooled value is max(0, z). The sampler builds each pixel so
that z lands where the question stays hand-computable and well defined: a target-1 pixel gets
z in {1/4, 1/2, 3/4} (a probability the log can take), a target-0 pixel either a negative z (its
window maximum is padding, no gradient) or one of those fractions. z = 0 would tie with the padding
and make the gradient ambiguous; the source instance has such a tie and the question then states
the convention (see ``has_tie``).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import sympy

from generator.params import Integer, Matrix, Rational, Vector

HALVES = Rational("x", -2, 2, denominators=(1, 2))
PARAMS = (
    Matrix("x1", rows=2, cols=2, element=HALVES, doc="input channel 1"),
    Matrix("x2", rows=2, cols=2, element=HALVES, doc="input channel 2"),
    Matrix("x3", rows=2, cols=2, element=HALVES, doc="input channel 3"),
    Vector("w", length=3, element=Rational("w", -2, 2, denominators=(1, 2)), doc="1x1 kernel"),
    Matrix("y", rows=2, cols=2, element=Integer("y", 0, 1), doc="binary ground truth"),
    Rational("lr", 0, 2, denominators=(1, 2, 4), doc="learning rate"),
)
SOURCE = {
    "x1": "[[1, -0.5], [2, -2]]",
    "x2": "[[-2, 1], [-1.5, 1]]",
    "x3": "[[1, 0], [0, 0]]",
    "w": "[1, 1, 1]",
    "y": "[[0, 1], [1, 0]]",
    "lr": "1",
}
PROBABILITIES = (sympy.Rational(1, 4), sympy.Rational(1, 2), sympy.Rational(3, 4))
WEIGHTS = (sympy.Integer(1), sympy.Integer(-1), sympy.Integer(2), sympy.Rational(1, 2))
ENTRIES = tuple(sympy.Rational(k, 2) for k in range(-4, 5))
LEARNING_RATES = (sympy.Integer(1), sympy.Rational(1, 2), sympy.Rational(1, 4))
PIXEL_ATTEMPTS = 200


def conv_values(p: dict[str, Any]) -> list[Any]:
    """z at the four pixels, row by row (the 1x1 convolution is a per-pixel dot product)."""
    channels = (p["x1"], p["x2"], p["x3"])
    return [
        sum(w * x[i][j] for w, x in zip(p["w"], channels, strict=True))
        for i in range(2)
        for j in range(2)
    ]


def constraints(p: dict[str, Any]) -> list[str]:
    problems = []
    z = conv_values(p)
    y = [p["y"][i][j] for i in range(2) for j in range(2)]
    for k, (zk, yk) in enumerate(zip(z, y, strict=True)):
        where = f"pixel ({k // 2 + 1}, {k % 2 + 1})"
        if zk >= 1:
            problems.append(f"{where}: pooled value {zk} >= 1 is not a probability")
        if yk == 1 and zk <= 0:
            problems.append(f"{where}: target 1 but pooled value 0, the loss is infinite")
    if not any(zk > 0 for zk in z):
        problems.append("every window maximum is padding: all gradients are zero")
    elif not problems and not any(_weight_gradient(p, z, y)):
        problems.append("the pixel gradients cancel: the weight gradient is zero")
    if p["lr"] <= 0:
        problems.append("the learning rate must be positive")
    return problems


def _weight_gradient(p: dict[str, Any], z: list[Any], y: list[Any]) -> list[Any]:
    """dL/dw, only to reject variants whose step would not move w (solution.py is the key)."""
    upstream = [
        (1 / (1 - zk) if yk == 0 else -1 / zk) if zk > 0 else 0 for zk, yk in zip(z, y, strict=True)
    ]
    return [
        sum(g * x[k // 2][k % 2] for k, g in enumerate(upstream))
        for x in (p["x1"], p["x2"], p["x3"])
    ]


def _pixel(rng: np.random.Generator, w: list[Any], negative: bool) -> list[Any]:
    """Channel values at one pixel whose conv value is negative or one of PROBABILITIES.

    Some kernels cannot reach every value (w = (2, 2, 2) gives integer z); then the last draw is
    returned and ``constraints`` makes the caller draw again.
    """
    x = []
    for _ in range(PIXEL_ATTEMPTS):
        x = [ENTRIES[int(rng.integers(len(ENTRIES)))] for _ in range(3)]
        z = sum(wc * xc for wc, xc in zip(w, x, strict=True))
        if (negative and z < 0) or (not negative and z in PROBABILITIES):
            break
    return x


def _draw(rng: np.random.Generator) -> dict[str, Any]:
    w = [WEIGHTS[int(rng.integers(len(WEIGHTS)))] for _ in range(3)]
    flat = [int(v) for v in rng.integers(2, size=4)]
    zeros = [k for k, t in enumerate(flat) if t == 0]
    if not zeros:
        zeros = [int(rng.integers(4))]
        flat[zeros[0]] = 0
    cut = zeros[int(rng.integers(len(zeros)))]
    negative = [k == cut or (flat[k] == 0 and bool(rng.integers(2))) for k in range(4)]
    pixels = [_pixel(rng, w, negative[k]) for k in range(4)]
    channels = {
        f"x{c + 1}": [[pixels[2 * i + j][c] for j in range(2)] for i in range(2)] for c in range(3)
    }
    lr = LEARNING_RATES[int(rng.integers(len(LEARNING_RATES)))]
    return {**channels, "w": w, "y": [flat[0:2], flat[2:4]], "lr": lr}


def sample(rng: np.random.Generator) -> dict[str, Any]:
    """At least one target-0 pixel has a negative conv value, so pooling changes something
    (with every z positive the pooled map equals the conv output); the others are negative with
    probability 1/2, and a target-1 pixel always gets a probability. Every weight has a non-zero
    gradient and a non-zero updated value (a weight that does not move, or lands on 0 by
    accident, teaches nothing)."""
    params: dict[str, Any] = {}
    for _ in range(PIXEL_ATTEMPTS):
        params = _draw(rng)
        z = conv_values(params)
        if any(zk >= 1 for zk in z):
            continue
        y = [params["y"][i][j] for i in range(2) for j in range(2)]
        grad = _weight_gradient(params, z, y)
        moved = [w - params["lr"] * g for w, g in zip(params["w"], grad, strict=True)]
        if all(g != 0 for g in grad) and all(v != 0 for v in moved):
            break
    return params
