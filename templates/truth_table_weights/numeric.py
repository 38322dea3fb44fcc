"""Independent path: evaluate designs on the truth table with numpy; build the XOR tree and the
one-hidden-layer network explicitly, check they compute the parity of every input, and count."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import numpy as np

INPUTS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
A, B = INPUTS[:, 0].astype(bool), INPUTS[:, 1].astype(bool)
TABLES = {
    "AND": A & B,
    "OR": A | B,
    "NAND": ~(A & B),
    "NOR": ~(A | B),
    "A AND NOT B": A & ~B,
    "NOT A AND B": ~A & B,
    "A OR NOT B": A | ~B,
    "NOT A OR B": ~A | B,
    "XOR": A ^ B,
    "XNOR": ~(A ^ B),
}


def step(z: np.ndarray) -> np.ndarray:
    return (z > 0).astype(float)


def _gate_ok(p: dict[str, Any], design: list[float]) -> bool:
    w = np.asarray(design, dtype=float)
    return len(w) == 3 and bool((step(INPUTS @ w[:2] + w[2]) == TABLES[p["gate"]]).all())


def _network_ok(p: dict[str, Any], design: list[float]) -> bool:
    w = np.asarray(design, dtype=float)
    if len(w) != 9 or not np.isin(w, (-1, 0, 1)).all():
        return False
    hidden = step(INPUTS @ np.stack([w[0:2], w[3:5]]).T + np.array([w[2], w[5]]))
    return bool((step(hidden @ w[6:8] + w[8]) == TABLES[p["parity"]]).all())


XOR_BLOCK = (np.array([[1.0, -1.0], [-1.0, 1.0]]), np.array([0.0, 0.0]), np.array([1.0, 1.0]), 0.0)


def _xor_tree(n: int) -> tuple[Callable[[np.ndarray], np.ndarray], int, int]:
    """The tree as a function of an inputs matrix, with its perceptron and layer counts."""
    perceptrons, layers = 0, 0
    plan: list[list[tuple[int, int]]] = []
    width = n
    while width > 1:
        pairs = [(2 * i, 2 * i + 1) for i in range(width // 2)]
        plan.append(pairs)
        perceptrons += 3 * len(pairs)
        layers += 2
        width = len(pairs) + width % 2

    def run(x: np.ndarray) -> np.ndarray:
        signals = [x[:, i] for i in range(n)]
        w_hidden, b_hidden, w_out, b_out = XOR_BLOCK
        for pairs in plan:
            merged = []
            for i, j in pairs:
                pair = np.stack([signals[i], signals[j]], axis=1)
                merged.append(step(step(pair @ w_hidden.T + b_hidden) @ w_out + b_out))
            signals = merged + ([signals[-1]] if len(signals) % 2 else [])
        return signals[0]

    return run, perceptrons, layers


def _dnf_hidden(n: int, x: np.ndarray) -> tuple[int, np.ndarray]:
    """One hidden unit per pattern with odd parity (fires on that pattern only), OR output.

    In float32 (exact for these small integers) and with the hidden layer's step kept boolean:
    with 12 inputs the layer is a 4096 x 2048 product, which took 200 ms in float64 with a float
    step matrix and takes about 30 ms so (a served question waits for it)."""
    table = x.astype(np.float32)
    patterns = table[table.sum(axis=1) % 2 == 1]
    weights = 2 * patterns - 1
    biases = np.float32(0.5) - patterns.sum(axis=1)
    fires = table @ weights.T + biases > 0  # the hidden layer's step, kept boolean (8 MB)
    return len(patterns), step(fires.sum(axis=1).astype(np.float32))


def numeric(p: dict[str, Any]) -> dict[str, Any]:
    n = int(p["n"])
    x = np.array(list(itertools.product((0.0, 1.0), repeat=n)))
    parity = x.sum(axis=1) % 2
    run, perceptrons, layers = _xor_tree(n)
    hidden, output = _dnf_hidden(n, x)
    built_right = bool((run(x) == parity).all() and (output == parity).all())
    return {
        "a": lambda design: _gate_ok(p, design),
        "b": lambda design: _network_ok(p, design),
        "c": perceptrons if built_right else -1,
        "d": layers if built_right else -1,
        "e": hidden if built_right else -1,
    }
