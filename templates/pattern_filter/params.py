"""Which black 3x3 pattern to find (1 = white, 0 = black, as in the source's grey scale).

Any pattern with 1 to 8 black pixels is drawn (510 questions); the source's diagonal cross and a
few familiar shapes are named in the question when they come up.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from generator.params import Integer, Matrix

Grid = tuple[tuple[int, ...], ...]
# Black pixels (0) on white (1), row by row.
NAMED: dict[Grid, str] = {
    ((0, 1, 0), (1, 0, 1), (0, 1, 0)): "diagonal cross",
    ((1, 0, 1), (0, 0, 0), (1, 0, 1)): "plus",
    ((1, 0, 1), (1, 0, 1), (1, 0, 1)): "vertical bar",
    ((1, 1, 1), (0, 0, 0), (1, 1, 1)): "horizontal bar",
    ((0, 1, 1), (1, 0, 1), (1, 1, 0)): "main diagonal",
    ((0, 0, 0), (0, 1, 1), (0, 1, 1)): "corner",
    ((0, 0, 0), (0, 1, 0), (0, 0, 0)): "frame",
    ((1, 1, 1), (1, 0, 1), (1, 1, 1)): "dot",
}
MIN_BLACK, MAX_BLACK = 1, 8

PARAMS = (
    Matrix(
        "pattern",
        rows=3,
        cols=3,
        element=Integer("pattern", 0, 1),
        doc="the pattern to highlight, row by row (0 = black, 1 = white)",
    ),
)
# TUM Problem 5 f: "3x3 black crosses"; the printed filter [[-1, 1, -1], [1, -1, 1], [-1, 1, -1]]
# is negative on the corners and the centre, i.e. the diagonal cross.
SOURCE = {"pattern": "[[0, 1, 0], [1, 0, 1], [0, 1, 0]]"}


def constraints(p: dict[str, Any]) -> list[str]:
    black = sum(1 for row in p["pattern"] for v in row if v == 0)
    if not MIN_BLACK <= black <= MAX_BLACK:
        return [f"the pattern has {black} black pixels; use {MIN_BLACK} to {MAX_BLACK}"]
    return []


def sample(rng: np.random.Generator) -> dict[str, Any]:
    black = int(rng.integers(MIN_BLACK, MAX_BLACK + 1))
    cells = set(int(i) for i in rng.choice(9, size=black, replace=False))
    return {"pattern": [[0 if 3 * r + c in cells else 1 for c in range(3)] for r in range(3)]}
