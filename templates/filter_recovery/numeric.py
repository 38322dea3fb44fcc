"""Independent path: the outputs are affine in (x, y, z); probe them with unit vectors, solve."""

from __future__ import annotations

from typing import Any

import numpy as np


def numeric(p: dict[str, Any]) -> dict[str, Any]:
    image = np.array(p["image"], dtype=float)
    known = np.array(p["known"], dtype=float)
    row = int(p["unknown_row"]) - 1

    def outputs(unknown: np.ndarray) -> np.ndarray:
        kernel = np.insert(known, row, unknown, axis=0)
        windows = np.lib.stride_tricks.sliding_window_view(image, (3, 3))[0]
        return np.einsum("kij,ij->k", windows, kernel)

    base = outputs(np.zeros(3))
    system = np.column_stack([outputs(e) - base for e in np.eye(3)])
    solved = np.linalg.solve(system, np.array(p["output"], dtype=float) - base)
    return {"a": float(solved[0]), "b": float(solved[1]), "c": float(solved[2])}
