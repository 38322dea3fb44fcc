"""A 4 x 3 mini-batch whose columns have integer means and integer standard deviations.

Each column is drawn until its mean and (biased) standard deviation are integers, so a student
normalizes by hand; gamma and beta are small integers.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from generator.params import Integer, Matrix, Vector

ROWS, COLS = 4, 3
ENTRY = Integer("z", -10, 15)
GAMMAS = (-2, -1, 1, 2, 3)
COLUMN_ATTEMPTS = 1000

PARAMS = (
    Matrix("z", rows=ROWS, cols=COLS, element=ENTRY, doc="batch: b = 4 examples x n = 3 features"),
    Vector("gamma", length=COLS, element=Integer("gamma", -3, 3), doc="scale per feature"),
    Vector("beta", length=COLS, element=Integer("beta", -10, 10), doc="shift per feature"),
)

SOURCE = {
    "z": "[[12, 0, -5], [14, 10, 5], [14, 10, 5], [12, 0, -5]]",
    "gamma": "[1, 1, 1]",
    "beta": "[0, -10, 10]",
}


def column_problem(column: list[Any]) -> str | None:
    """Why one feature column is not hand-friendly (None when it is); plain integer arithmetic."""
    values = [int(v) for v in column]
    total, size = sum(values), len(values)
    if total % size:
        return f"mean {total}/{size} is not an integer"
    squares = sum((v - total // size) ** 2 for v in values)
    if squares == 0:
        return "all entries equal: sigma = 0 divides by zero"
    root = math.isqrt(squares // size)
    if squares % size or root * root != squares // size:
        return f"sigma = sqrt({squares}/{size}) is not an integer"
    return None


def constraints(p: dict[str, Any]) -> list[str]:
    problems = []
    for j in range(COLS):
        problem = column_problem([row[j] for row in p["z"]])
        if problem:
            problems.append(f"column {j + 1} of z: {problem}")
    if any(g == 0 for g in p["gamma"]):
        problems.append("a zero gamma wipes out its feature")
    return problems


def _column(rng: np.random.Generator) -> list[int]:
    for _ in range(COLUMN_ATTEMPTS):
        column = [int(rng.integers(ENTRY.low, ENTRY.high + 1)) for _ in range(ROWS)]
        if column_problem(column) is None:
            return column
    return column  # rejected by constraints(); the family draws again


def sample(rng: np.random.Generator) -> dict[str, Any]:
    columns = [_column(rng) for _ in range(COLS)]
    return {
        "z": [[columns[j][i] for j in range(COLS)] for i in range(ROWS)],
        "gamma": [int(rng.choice(GAMMAS)) for _ in range(COLS)],
        "beta": PARAMS[2].sample(rng),
    }
