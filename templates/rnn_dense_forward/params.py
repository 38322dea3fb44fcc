"""One time step of an RNN layer of two tanh units with a single sigmoid output neuron.

BITS end-sem 2022-23, Q2 (b): input x = [0.5, 0.6], previous state h0 = [0.3, 0.4], "all weights
and biases 0.2". Its figure is missing and its solution multiplies element-wise ([0.2, 0.2] x
[0.3, 0.4] = [0.06, 0.08]), which is not a dense RNN layer: every unit of a Keras SimpleRNN sees
every input feature and every previous state. The question here prints the full 2x2 matrices, so
there is one reading; SOURCE fills them with 0.2 as the source says. Variants draw weights in
tenths (the source's style); a calculator is needed for tanh and the sigmoid, as in the source.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import sympy

from generator.params import Decimal, Matrix, Vector

TENTH = Decimal("w", -1, 1, digits=1)
# A hidden pre-activation this close to 0 makes h_i ~ 0 and its output-weight gradient vanish.
MIN_PRE_ACTIVATION = 0.05

PARAMS = (
    Vector("x", length=2, element=TENTH, doc="input features [x1, x2]"),
    Vector("h0", length=2, element=TENTH, doc="previous state [h0_1, h0_2]"),
    Matrix("W_hh", rows=2, cols=2, element=TENTH, doc="recurrent weights (row i feeds unit i)"),
    Matrix("W_xh", rows=2, cols=2, element=TENTH, doc="input weights (row i feeds unit i)"),
    Vector("b_h", length=2, element=TENTH, doc="hidden biases"),
    Vector("w_hy", length=2, element=TENTH, doc="output weights"),
    Decimal("b_y", -1, 1, digits=1, doc="output bias"),
)

SOURCE = {
    "x": "[0.5, 0.6]",
    "h0": "[0.3, 0.4]",
    "W_hh": "[[0.2, 0.2], [0.2, 0.2]]",
    "W_xh": "[[0.2, 0.2], [0.2, 0.2]]",
    "b_h": "[0.2, 0.2]",
    "w_hy": "[0.2, 0.2]",
    "b_y": "0.2",
}


def pre_activation(p: dict[str, Any]) -> list[float]:
    """W_hh h0 + W_xh x + b_h in floats, only to screen variants (keys are exact)."""
    a = (
        np.asarray(p["W_hh"], dtype=float) @ np.asarray(p["h0"], dtype=float)
        + np.asarray(p["W_xh"], dtype=float) @ np.asarray(p["x"], dtype=float)
        + np.asarray(p["b_h"], dtype=float)
    )
    return [float(v) for v in a]


def constraints(p: dict[str, Any]) -> list[str]:
    problems = []
    if all(v == 0 for v in p["x"]):
        problems.append("the input is zero: the input weights play no part")
    if any(all(w == 0 for w in row) for row in [*p["W_hh"], *p["W_xh"]]):
        problems.append("a unit ignores its whole input or state: a row of weights is zero")
    if any(w == 0 for w in p["w_hy"]):
        problems.append("an output weight is zero: that unit does not reach the output")
    for i, a in enumerate(pre_activation(p), start=1):
        if abs(a) < MIN_PRE_ACTIVATION:
            problems.append(f"unit {i}'s pre-activation {a:.2f} is too close to 0")
    return problems


def _tenths(rng: np.random.Generator, size: int, low: int, high: int) -> list[sympy.Rational]:
    return [sympy.Rational(int(k), 10) for k in rng.integers(low, high + 1, size=size)]


def sample(rng: np.random.Generator) -> dict[str, Any]:
    """Inputs and state in (-1, 1), weights in [-0.5, 0.5], all tenths, as in the source."""
    return {
        "x": _tenths(rng, 2, -9, 9),
        "h0": _tenths(rng, 2, -9, 9),
        "W_hh": [_tenths(rng, 2, -5, 5) for _ in range(2)],
        "W_xh": [_tenths(rng, 2, -5, 5) for _ in range(2)],
        "b_h": _tenths(rng, 2, -3, 3),
        "w_hy": _tenths(rng, 2, -9, 9),
        "b_y": _tenths(rng, 1, -3, 3)[0],
    }
