"""A scalar vanilla RNN or LSTM run for three steps with weights that change per time step.

The BITS sample questions give every weight as a column of three values, one per time step
(U = [0.5, 0.6, 0.2] means U_1 = 0.5, U_2 = 0.6, U_3 = 0.2), and their solutions use them that way;
the question says so explicitly. Gates are always sigmoids; ``squash`` is the activation of the RNN
state and of the LSTM candidate and cell output (the source uses the sigmoid throughout, a standard
LSTM uses tanh); outputs are ReLU(V_t h_t) as the source text states.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import sympy

from generator.params import Choice, Decimal, Integer, Vector

from .forward import run

STEPS = 3
# The ReLU of an output must be clearly on one side of its kink: a student rounding to four
# decimals must not land on the other side.
KINK_MARGIN = 0.01
GATE_WEIGHTS = ("Wo", "Uo", "Wi", "Ui", "Wf", "Uf")


def _weights(name: str, doc: str) -> Vector:
    return Vector(name, length=STEPS, element=Decimal(name, -1, 1, digits=1), doc=doc)


PARAMS = (
    Choice("cell", ("rnn", "lstm"), doc="vanilla RNN or LSTM cell"),
    Choice("squash", ("sigmoid", "tanh"), doc="activation of the state / candidate / cell output"),
    Vector("x", length=STEPS, element=Integer("x", -2, 2), doc="inputs x1, x2, x3"),
    _weights("U", "input weights U_t of the state (candidate)"),
    _weights("W", "recurrent weights W_t of the state (candidate)"),
    _weights("V", "output weights V_t"),
    _weights("Wo", "LSTM output gate, recurrent weights"),
    _weights("Uo", "LSTM output gate, input weights"),
    _weights("Wi", "LSTM input gate, recurrent weights"),
    _weights("Ui", "LSTM input gate, input weights"),
    _weights("Wf", "LSTM forget gate, recurrent weights"),
    _weights("Uf", "LSTM forget gate, input weights"),
)

SOURCE = {
    "cell": "lstm",
    "squash": "sigmoid",
    "x": "[1, 1, 0]",
    "W": "[0.2, 0.3, 0.8]",
    "U": "[0.5, 0.6, 0.2]",
    "V": "[0.4, 0.2, 0.1]",
    "Wo": "[0.9, 0.1, 0.3]",
    "Uo": "[0.4, 0.3, 0.2]",
    "Wi": "[0.1, 0.4, 0.2]",
    "Ui": "[0.9, 0.1, 0.3]",
    "Wf": "[0.5, 0.3, 0.2]",
    "Uf": "[0.6, 0.2, 0.3]",
}


def constraints(p: dict[str, Any]) -> list[str]:
    problems = []
    outputs = [step["v"] for step in run(p)]
    for t, value in enumerate(outputs, start=1):
        if abs(value) < KINK_MARGIN:
            problems.append(f"V_{t} h_{t} = {value:.4f} is too close to the ReLU kink at 0")
    if sum(value > 0 for value in outputs) < 2:
        problems.append("at most one output is non-zero: the ReLU hides the forward pass")
    if all(v == 0 for v in p["x"]):
        problems.append("every input is zero")
    return problems


def _tenths(rng: np.random.Generator, negative: float) -> list[sympy.Rational]:
    """Three weights from +-0.1 .. +-0.9, each negative with probability ``negative``."""
    values = rng.integers(1, 10, size=STEPS)
    signs = np.where(rng.random(STEPS) < negative, -1, 1)
    return [sympy.Rational(int(s * v), 10) for s, v in zip(signs, values, strict=True)]


def sample(rng: np.random.Generator) -> dict[str, Any]:
    """Weights are tenths (the source's style); gates positive; a negative output weight now
    and then lets the ReLU cut an output."""
    drawn: dict[str, Any] = {
        "cell": "lstm" if rng.random() < 0.5 else "rnn",
        "squash": "tanh" if rng.random() < 0.5 else "sigmoid",
        "x": [int(v) for v in rng.choice((-1, 0, 1, 1, 2), size=STEPS)],
    }
    for name, negative in (("U", 0.5), ("W", 0.5), ("V", 0.2)):
        drawn[name] = _tenths(rng, negative)
    for name in GATE_WEIGHTS:
        drawn[name] = _tenths(rng, 0.0)
    return drawn
