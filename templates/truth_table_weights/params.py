"""A linearly separable two-input gate for one perceptron, XOR or XNOR for a 2-layer network of
three perceptrons with weights in {-1, 0, 1}, and the input count n of an n-input XOR."""

from __future__ import annotations

from typing import Any

import numpy as np

from generator.params import Choice, Integer

GATES = ("AND", "OR", "NAND", "NOR", "A AND NOT B", "NOT A AND B", "A OR NOT B", "NOT A OR B")
PARAMS = (
    Choice("gate", GATES, doc="the linearly separable function of part (a)"),
    Choice("parity", ("XOR", "XNOR"), doc="the function of the 2-layer network of part (b)"),
    Integer("n", 3, 16, doc="number of inputs of the XOR network of parts (c)-(e)"),
)
# BITS: the truth table with y = 1 only at (0, 0) (NOR); TUM Problem 9 c (XOR); BITS: XOR of 6.
SOURCE = {"gate": "NOR", "parity": "XOR", "n": 6}

# n = 3 gives 2^(n-1) = 4 hidden units and a depth of 2 * 2 = 4: (e) would equal (d).
INPUT_COUNTS = tuple(range(4, 13))


def sample(rng: np.random.Generator) -> dict[str, Any]:
    return {
        "gate": GATES[int(rng.integers(len(GATES)))],
        "parity": ("XOR", "XNOR")[int(rng.integers(2))],
        "n": int(rng.choice(INPUT_COUNTS)),
    }
