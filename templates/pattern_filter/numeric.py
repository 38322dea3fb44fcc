"""Independent path: correlate the filter with all 512 black-and-white patches in numpy."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

ALL = np.array([[(n >> (8 - i)) & 1 for i in range(9)] for n in range(512)], dtype=float).reshape(
    512, 3, 3
)


def _highlights(pattern: list[list[float]], weights: list[list[float]]) -> bool:
    responses = np.einsum("nij,ij->n", ALL, np.asarray(weights, dtype=float))
    target = int(np.flatnonzero((np.asarray(pattern) == ALL).all(axis=(1, 2)))[0])
    for extreme in (responses.max(), responses.min()):
        if np.flatnonzero(np.isclose(responses, extreme)).tolist() == [target]:
            return True
    return False


def numeric(p: dict[str, Any]) -> dict[str, Callable[[list[list[float]]], bool]]:
    return {"a": lambda weights: _highlights(p["pattern"], weights)}
