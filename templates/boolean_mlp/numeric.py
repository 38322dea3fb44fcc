"""Independent path: evaluate a design on every input with numpy; build the sum-of-products
network for the 4-input table explicitly, check it reproduces the table, and count its layers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np


def _inputs(n: int) -> np.ndarray:
    """All 2^n inputs, row i holding the bits of i (first input most significant)."""
    return (np.arange(2**n)[:, None] >> np.arange(n - 1, -1, -1) & 1).astype(float)


XY, XYZ, ABCD = _inputs(2), _inputs(3), _inputs(4)
GATES = {"NOT X": 1 - XY[:, 0], "NOT Y": 1 - XY[:, 1], "X": XY[:, 0], "Y": XY[:, 1]}


def _f_table(f: str) -> np.ndarray:
    """Evaluate 'yz + x~y' as an OR of ANDs over the columns of XYZ."""
    out = np.zeros(len(XYZ), dtype=bool)
    for term in f.split("+"):
        term = term.strip()
        on = np.ones(len(XYZ), dtype=bool)
        negate = False
        for char in term:
            if char == "~":
                negate = True
                continue
            column = XYZ[:, "xyz".index(char)].astype(bool)
            on &= ~column if negate else column
            negate = False
        out |= on
    return out.astype(float)


def _gate_ok(p: dict[str, Any]) -> Callable[[list[float]], bool]:
    def ok(design: list[float]) -> bool:
        a, b, c = np.asarray(design, dtype=float)
        return bool((((a + XY @ np.array([b, c])) > 0) == GATES[p["gate"]]).all())

    return ok


def _network_ok(p: dict[str, Any]) -> Callable[[list[float]], bool]:
    def ok(design: list[float]) -> bool:
        d = np.asarray(design, dtype=float)
        if len(d) != 11:
            return False
        weights = np.concatenate([d[0:3], d[4:7], d[8:10]])
        if not np.isin(weights, (-10, 0, 10)).all() or (d[[3, 7, 10]] % 10).any():
            return False
        sums = XYZ @ np.stack([d[0:3], d[4:7]]).T
        hidden = (sums >= d[[3, 7]]).astype(float)
        return bool(((hidden @ d[8:10] >= d[10]) == _f_table(p["f"])).all())

    return ok


def _sop_layers(table: np.ndarray) -> list[int]:
    """Build one +-1 minterm detector per 1-row and an OR; return the layer widths if it works."""
    rows = ABCD[table == 1]
    w = 2 * rows - 1  # +1 where the row has a 1, -1 where it has a 0
    sums = ABCD @ w.T
    hidden = (sums >= rows.sum(axis=1)).astype(float)
    output = hidden @ np.ones(len(rows)) >= 1
    return [len(rows), 1] if (output == (table == 1)).all() else []


def numeric(p: dict[str, Any]) -> dict[str, Any]:
    layers = _sop_layers(np.asarray(p["table"], dtype=float))
    return {
        "a": _gate_ok(p),
        "b": _network_ok(p),
        "c": len(layers) if layers else -1,
        "d": max(layers) if layers else -1,
    }
