"""Step units on Boolean inputs.

(a) The neuron fires (outputs 1) when a + b X + c Y > 0: a is the bias, b and c the weights of
X and Y, as in the source's inequalities a > 0, a + c > 0, a + b < 0, a + b + c < 0 for NOT X.
(b) A unit outputs 1 when its weighted input sum is >= its threshold (the source's "bias").
Each product gets a hidden unit with weight +10 for a plain input, -10 for a negated one, 0 for
an absent one and threshold 10 * (plain inputs in the product): the sum reaches it only when
every literal is true. The output ORs them: weights 10, 10, threshold 10.
(c)-(d) Sum-of-products construction: one hidden unit per 1-row (it fires on that row only), one
output unit ORing them: two layers of perceptrons, as wide as there are 1-rows.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from typing import Any

import sympy

from generator.dag import quantity

GATE_TABLES: dict[str, Callable[[int, int], int]] = {
    "NOT X": lambda x, y: 1 - x,
    "NOT Y": lambda x, y: 1 - y,
    "X": lambda x, y: x,
    "Y": lambda x, y: y,
}
GATE_EXAMPLES = {"NOT X": (1, -2, 0), "NOT Y": (1, 0, -2), "X": (-1, 2, 0), "Y": (-1, 0, 2)}
VARIABLES = "xyz"
WEIGHTS = (-10, 0, 10)
DESIGN = "[w1x, w1y, w1z, t1, w2x, w2y, w2z, t2, v1, v2, t]"


def literals(term: str) -> list[tuple[str, bool]]:
    """``x~y`` -> [("x", True), ("y", False)]."""
    return [(var, term[i - 1 : i] != "~") for i, var in enumerate(term) if var != "~"]


def terms(f: str) -> list[list[tuple[str, bool]]]:
    return [literals(t.strip()) for t in f.split("+")]


def _values(answer: Any, count: int, what: str) -> list[sympy.Expr] | str:
    """The answer's ``count`` real entries, or the problem as text."""
    if not isinstance(answer, Sequence) or isinstance(answer, str) or len(answer) != count:
        return f"expected {count} numbers {what}"
    values = [sympy.sympify(v) if isinstance(v, int | float) else v for v in answer]
    if not all(isinstance(v, sympy.Basic) and v.is_number and v.is_real for v in values):
        return f"expected {count} real numbers {what}"
    return values


def _wrong_rows(
    got: Callable[[tuple[int, ...]], int], want: Callable[[tuple[int, ...]], int], n: int
) -> list[str]:
    return [
        f"input {row} gives {got(row)}, the table says {want(row)}"
        for row in itertools.product((0, 1), repeat=n)
        if got(row) != want(row)
    ]


def _sop(f: str, row: tuple[int, ...]) -> int:
    env = dict(zip(VARIABLES, row, strict=True))
    return int(any(all(env[v] == int(s) for v, s in t) for t in terms(f)))


def check_gate(answer: Any, params: dict[str, Any]) -> list[str]:
    """Problems with [a, b, c] (empty when the neuron reproduces the gate's table)."""
    values = _values(answer, 3, "[a, b, c]")
    if isinstance(values, str):
        return [values]
    a, b, c = values
    table = GATE_TABLES[str(params["gate"])]
    return _wrong_rows(lambda r: 1 if a + b * r[0] + c * r[1] > 0 else 0, lambda r: table(*r), 2)


def check_network(answer: Any, params: dict[str, Any]) -> list[str]:
    """Problems with the eleven numbers of DESIGN (empty when the network computes f)."""
    values = _values(answer, 11, DESIGN)
    if isinstance(values, str):
        return [values]
    weights = values[0:3] + values[4:7] + values[8:10]
    thresholds = (values[3], values[7], values[10])
    if any(w not in WEIGHTS for w in weights):
        return ["every weight must be -10, 0 or 10"]
    if any(not (t / 10).is_integer for t in thresholds):
        return ["every threshold must be a multiple of 10"]

    def fire(w: Sequence[Any], t: Any, x: Sequence[int]) -> int:
        return 1 if sum(wi * xi for wi, xi in zip(w, x, strict=True)) >= t else 0

    def network(row: tuple[int, ...]) -> int:
        hidden = (fire(values[0:3], values[3], row), fire(values[4:7], values[7], row))
        return fire(values[8:10], values[10], hidden)

    return _wrong_rows(network, lambda r: _sop(str(params["f"]), r), 3)


@quantity
def gate_table(gate: str) -> list[int]:
    """Output for (X, Y) = (0, 0), (0, 1), (1, 0), (1, 1), as printed in the question."""
    return [GATE_TABLES[gate](x, y) for x, y in itertools.product((0, 1), repeat=2)]


@quantity
def gate_weights(gate: str) -> list[sympy.Integer]:
    return [sympy.Integer(v) for v in GATE_EXAMPLES[gate]]


@quantity
def f_table(f: str) -> list[int]:
    """f for (x, y, z) = 000, 001, ..., 111."""
    return [_sop(f, row) for row in itertools.product((0, 1), repeat=3)]


@quantity
def f_latex(f: str) -> str:
    """``yz + x~y`` as LaTeX with overlined negated inputs."""
    return " + ".join("".join(v if s else rf"\bar{{{v}}}" for v, s in t) for t in terms(f))


@quantity
def hidden_units(f: str) -> list[list[sympy.Integer]]:
    """[w_x, w_y, w_z, threshold] of the detector of each product."""
    units = []
    for t in terms(f):
        signs = dict(t)
        w = [0 if v not in signs else (10 if signs[v] else -10) for v in VARIABLES]
        units.append([sympy.Integer(x) for x in (*w, 10 * sum(s for _, s in t))])
    return units


@quantity
def network_design(hidden_units: list[list[sympy.Integer]]) -> list[sympy.Integer]:
    return [*hidden_units[0], *hidden_units[1], *(sympy.Integer(v) for v in (10, 10, 10))]


@quantity
def one_rows(table: list[sympy.Integer]) -> list[str]:
    """The 1-rows as ABCD bit strings, in increasing order."""
    return [format(i, "04b") for i, y in enumerate(table) if y == 1]


@quantity
def sop_latex(one_rows: list[str]) -> str:
    """The canonical sum of products, one minterm per 1-row."""
    return " + ".join(
        "".join(v if bit == "1" else rf"\bar{{{v}}}" for v, bit in zip("ABCD", row, strict=True))
        for row in one_rows
    )


@quantity
def depth(one_rows: list[str]) -> sympy.Integer:
    """A hidden layer of minterm detectors and the output OR: two layers of perceptrons."""
    return sympy.Integer(2)


@quantity
def width(one_rows: list[str]) -> sympy.Integer:
    """The hidden layer is the widest: one unit per 1-row (the output layer has one)."""
    return sympy.Integer(max(len(one_rows), 1))
