"""Perceptrons y = f(w . x + b) with the step f(z) = 1 for z > 0, else 0.

(a) A linearly separable gate: the key is one integer solution; any weights reproducing the truth
table are right. (b) XOR = (A and not B) or (not A and B): hidden perceptrons [1, -1], 0 and
[-1, 1], 0, output OR [1, 1], 0; XNOR replaces the output by NOR [-1, -1], 1.
(c)-(e) An n-input XOR as a balanced binary tree of 2-input XOR blocks (3 perceptrons, 2 layers
each): n - 1 blocks, ceil(log2 n) levels, so 3 (n - 1) perceptrons in 2 ceil(log2 n) layers. With
one hidden layer and one hidden perceptron per input pattern whose XOR is 1 (the
disjunctive-normal-form construction) the hidden layer has 2^(n - 1) perceptrons.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import sympy

from generator.dag import quantity

PATTERNS = ((0, 0), (0, 1), (1, 0), (1, 1))
TRUTH: dict[str, Callable[[int, int], bool]] = {
    "AND": lambda a, b: bool(a and b),
    "OR": lambda a, b: bool(a or b),
    "NAND": lambda a, b: not (a and b),
    "NOR": lambda a, b: not (a or b),
    "A AND NOT B": lambda a, b: bool(a and not b),
    "NOT A AND B": lambda a, b: bool(b and not a),
    "A OR NOT B": lambda a, b: bool(a or not b),
    "NOT A OR B": lambda a, b: bool(b or not a),
    "XOR": lambda a, b: a != b,
    "XNOR": lambda a, b: a == b,
}
EXAMPLES = {  # [w1, w2, b], checked against the table by check_gate in the tests
    "AND": (1, 1, -1),
    "OR": (1, 1, 0),
    "NAND": (-1, -1, 2),
    "NOR": (-1, -1, 1),
    "A AND NOT B": (1, -1, 0),
    "NOT A AND B": (-1, 1, 0),
    "A OR NOT B": (1, -1, 1),
    "NOT A OR B": (-1, 1, 1),
}
HIDDEN_XOR = (1, -1, 0, -1, 1, 0)  # A and not B; not A and B
OUTPUT = {"XOR": (1, 1, 0), "XNOR": (-1, -1, 1)}  # OR, NOR of the hidden units
ALLOWED = (-1, 0, 1)


def _numbers(answer: Any, count: int, what: str) -> list[sympy.Expr] | list[str]:
    """The answer's ``count`` real entries, or a one-item list with the problem as text.

    ``w1=-1, w2=-1, b=1`` (read as a mapping) is taken in the order of the names in ``what``.
    """
    if isinstance(answer, dict):
        names = [name.strip() for name in what.strip("[]").split(",")]
        if sorted(answer) != sorted(names):
            return [f"expected the names {', '.join(names)}"]
        answer = [answer[name] for name in names]
    if not isinstance(answer, Sequence) or isinstance(answer, str) or len(answer) != count:
        return [f"expected {count} numbers {what}"]
    values = [sympy.sympify(v) if isinstance(v, int | float) else v for v in answer]
    if not all(isinstance(v, sympy.Basic) and v.is_number and v.is_real for v in values):
        return [f"expected {count} real numbers {what}"]
    return values


def _fire(weights: Sequence[Any], bias: Any, inputs: Sequence[int]) -> int:
    return 1 if weights[0] * inputs[0] + weights[1] * inputs[1] + bias > 0 else 0


def _wrong_rows(function: Callable[[int, int], int], gate: str) -> list[str]:
    return [
        f"input ({a}, {b}) gives {function(a, b)}, the table says {int(TRUTH[gate](a, b))}"
        for a, b in PATTERNS
        if function(a, b) != int(TRUTH[gate](a, b))
    ]


def check_gate(answer: Any, params: dict[str, Any]) -> list[str]:
    """Problems with [w1, w2, b] for the gate (empty when the perceptron realises its table)."""
    values = _numbers(answer, 3, "[w1, w2, b]")
    if isinstance(values[0], str):
        return [str(v) for v in values]
    w1, w2, b = values
    return _wrong_rows(lambda a, c: _fire((w1, w2), b, (a, c)), str(params["gate"]))


def check_network(answer: Any, params: dict[str, Any]) -> list[str]:
    """Problems with [W11, b11, W12, b12, W21, b21] flattened to nine numbers in {-1, 0, 1}."""
    values = _numbers(answer, 9, "[W11 (2), b11, W12 (2), b12, W21 (2), b21]")
    if isinstance(values[0], str):
        return [str(v) for v in values]
    if any(v not in ALLOWED for v in values):
        return ["every weight and bias must be -1, 0 or 1"]

    def network(a: int, b: int) -> int:
        h1 = _fire(values[0:2], values[2], (a, b))
        h2 = _fire(values[3:5], values[5], (a, b))
        return _fire(values[6:8], values[8], (h1, h2))

    return _wrong_rows(network, str(params["parity"]))


@quantity
def truth_table(gate: str) -> list[int]:
    """y for the inputs (0, 0), (0, 1), (1, 0), (1, 1), as printed in the question."""
    return [int(TRUTH[gate](a, b)) for a, b in PATTERNS]


@quantity
def gate_weights(gate: str) -> list[sympy.Integer]:
    return [sympy.Integer(v) for v in EXAMPLES[gate]]


@quantity
def parity_table(parity: str) -> list[int]:
    return [int(TRUTH[parity](a, b)) for a, b in PATTERNS]


@quantity
def network_weights(parity: str) -> list[sympy.Integer]:
    return [sympy.Integer(v) for v in (*HIDDEN_XOR, *OUTPUT[parity])]


@quantity
def blocks(n: sympy.Integer) -> sympy.Integer:
    """2-input XOR blocks in the tree: each merges two signals into one."""
    return sympy.Integer(n - 1)


@quantity
def tree_perceptrons(blocks: sympy.Integer) -> sympy.Integer:
    return 3 * blocks


@quantity
def tree_levels(n: sympy.Integer) -> sympy.Integer:
    """ceil(log2 n) levels of blocks: each level halves (rounding up) the number of signals."""
    return sympy.Integer(int(n - 1).bit_length())


@quantity
def tree_layers(tree_levels: sympy.Integer) -> sympy.Integer:
    return 2 * tree_levels


@quantity
def dnf_hidden(n: sympy.Integer) -> sympy.Integer:
    return sympy.Integer(2) ** (n - 1)
