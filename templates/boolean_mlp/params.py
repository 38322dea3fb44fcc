"""A one-input gate for a single step neuron, an OR of two 2-literal products for a
single-hidden-layer network with weights 0, +-10, and a 4-input truth table given by its 1-rows.

Functions of (b) are written ``yz + xy`` with ``~x`` for a negated input; every option shares
exactly one variable between its two products, so neither product absorbs the other, the
function depends on all three inputs, and no single unit with weights in {0, +-10} computes it
(two hidden units are the fewest).
"""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np

from generator.params import Choice, Integer, Vector

GATES = ("NOT X", "NOT Y", "X", "Y")


def _literal(var: str, positive: bool) -> str:
    return var if positive else "~" + var


def _term(literals: list[tuple[str, bool]]) -> str:
    return "".join(_literal(v, s) for v, s in sorted(literals))


def _functions() -> tuple[str, ...]:
    """Shared variable s with the larger other variable first: y with z, x gives ``yz + xy``."""
    found = []
    for shared in "xyz":
        low, high = (v for v in "xyz" if v != shared)
        for s1, s2, sh, sl in itertools.product((True, False), repeat=4):
            first = _term([(shared, s1), (high, sh)])
            second = _term([(shared, s2), (low, sl)])
            found.append(f"{first} + {second}")
    return tuple(found)


FUNCTIONS = _functions()
MIN_ONES, MAX_ONES = 3, 7
PARAMS = (
    Choice("gate", GATES, doc="the function of X, Y for the single neuron of part (a)"),
    Choice("f", FUNCTIONS, doc="f(x, y, z) of part (b), '~' marks a negated input"),
    Vector(
        "table",
        length=16,
        element=Integer("table", 0, 1),
        doc="Y for the inputs ABCD = 0000, 0001, ..., 1111 of parts (c)-(d)",
    ),
)
# BITS Q2 (a neuron whose output is NOT X), BITS Question 2 (f = yz + xy), BITS MLP question
# with the 1-rows 1010, 1110, 1001, 1011, 1000 (indices 10, 14, 9, 11, 8).
SOURCE = {
    "gate": "NOT X",
    "f": "yz + xy",
    "table": [1 if i in (8, 9, 10, 11, 14) else 0 for i in range(16)],
}


def sample(rng: np.random.Generator) -> dict[str, Any]:
    """Between MIN_ONES and MAX_ONES 1-rows, so the width varies and stays drawable."""
    ones = rng.choice(16, size=int(rng.integers(MIN_ONES, MAX_ONES + 1)), replace=False)
    return {
        "gate": GATES[int(rng.integers(len(GATES)))],
        "f": FUNCTIONS[int(rng.integers(len(FUNCTIONS)))],
        "table": [1 if i in ones else 0 for i in range(16)],
    }


def constraints(p: dict[str, Any]) -> list[str]:
    ones = sum(int(v) for v in p["table"])
    if not MIN_ONES <= ones <= MAX_ONES:
        return [f"the table has {ones} 1-rows; use {MIN_ONES} to {MAX_ONES} to draw the network"]
    return []
