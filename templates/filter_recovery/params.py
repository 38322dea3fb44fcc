"""The top-left 3x5 corner of an image, a 3x3 filter with one unknown row, and three outputs.

The filter slides with stride 1 and no padding, and each output is the plain dot product of the
filter with the window under it (cross-correlation, as deep-learning libraries compute it). The
three outputs of the first output row give three linear equations in the three unknown entries.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import sympy

from generator.params import Integer, Matrix, Rational, Vector

PARAMS = (
    Matrix("image", rows=3, cols=5, element=Integer("image", -5, 5), doc="top-left image corner"),
    Integer("unknown_row", 1, 3, doc="which filter row holds the unknowns x, y, z"),
    Matrix("known", rows=2, cols=3, element=Integer("known", -3, 3), doc="the other filter rows"),
    Vector(
        "output",
        length=3,
        element=Rational("output", -120, 120, denominators=(1, 10)),
        doc="first three outputs",
    ),
)
SOURCE = {
    "image": "[[3, 0, 3, -3, 0], [-3, 2, 0, 3, -2], [-5, 0, 3, -2, 0]]",
    "unknown_row": 1,
    "known": "[[1, 0, 2], [-1, 1, 0]]",
    "output": "[4, 0, -3]",
}


def system_matrix(image: list[list[Any]], unknown_row: Any) -> sympy.Matrix:
    """Coefficients of x, y, z in the three outputs: the image row under the unknown filter row."""
    row = image[int(unknown_row) - 1]
    return sympy.Matrix([[row[k + m] for m in range(3)] for k in range(3)])


def constraints(p: dict[str, Any]) -> list[str]:
    if system_matrix(p["image"], p["unknown_row"]).det() == 0:
        return ["the three equations are linearly dependent: x, y, z are not determined"]
    return []


# The unknowns: filter weights in tenths between -3 and 3 (the question allows a calculator),
# never 0 or +-1 (a weight that is "obviously" 0 or 1 is guessed, not solved).
SECRETS = tuple(sympy.Rational(k, 10) for k in range(-30, 31) if k not in (-10, 0, 10))


def sample(rng: np.random.Generator) -> dict[str, Any]:
    """Three different unknowns in tenths; the outputs follow from them (tenths as well)."""
    image = [[int(v) for v in rng.integers(-5, 6, size=5)] for _ in range(3)]
    unknown_row = int(rng.integers(1, 4))
    known = [[int(v) for v in rng.integers(-2, 3, size=3)] for _ in range(2)]
    secret = [SECRETS[int(i)] for i in rng.choice(len(SECRETS), size=3, replace=False)]
    rows = list(known)
    rows.insert(unknown_row - 1, secret)
    output = [
        sum(rows[r][m] * image[r][k + m] for r in range(3) for m in range(3)) for k in range(3)
    ]
    return {"image": image, "unknown_row": unknown_row, "known": known, "output": output}
