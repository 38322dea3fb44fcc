"""Independent path: numpy forward pass, then central differences with the pool routing frozen.

Freezing which entry wins each window (padding wins a tie, as the question states) makes the loss a
smooth function of w near the current weights, so central differences give the routed gradient.
"""

from __future__ import annotations

from typing import Any

import numpy as np

STEP = 1e-4  # five-point central stencil: error ~ STEP**4, well under the 1e-9 check
TIE_BREAK = 1e-9  # lifts padding entries so that a padding zero beats an image value of 0


def _winners(padded: np.ndarray, is_padding: np.ndarray) -> np.ndarray:
    """Flat index (into the padded map) of the entry that wins each 2x2, stride-2 window."""
    keyed = padded + TIE_BREAK * is_padding
    n = padded.shape[0] // 2
    winners = np.zeros((n, n), dtype=int)
    for a in range(n):
        for b in range(n):
            block = keyed[2 * a : 2 * a + 2, 2 * b : 2 * b + 2]
            r, c = np.unravel_index(int(np.argmax(block)), block.shape)
            winners[a, b] = (2 * a + r) * padded.shape[1] + (2 * b + c)
    return winners


def _central(f: Any, at: np.ndarray, direction: np.ndarray) -> float:
    """Five-point central difference of f at ``at`` along ``direction``."""
    h = STEP * direction
    return (-f(at + 2 * h) + 8 * f(at + h) - 8 * f(at - h) + f(at - 2 * h)) / (12 * STEP)


def numeric(p: dict[str, Any]) -> dict[str, Any]:
    x = np.array([p["x1"], p["x2"], p["x3"]], dtype=float)
    y = np.array(p["y"], dtype=float)
    w = np.array(p["w"], dtype=float)
    is_padding = 1 - np.pad(np.ones(x.shape[1:]), 1)

    def conv(weights: np.ndarray) -> np.ndarray:
        return np.einsum("c,cij->ij", weights, x)

    winners = _winners(np.pad(conv(w), 1), is_padding)

    def pool(weights: np.ndarray) -> np.ndarray:
        return np.pad(conv(weights), 1).ravel()[winners]

    def loss(weights: np.ndarray) -> float:
        s = pool(weights)
        safe_pos, safe_neg = np.where(y == 1, s, 1.0), np.where(y == 0, 1 - s, 1.0)
        return float(-(y * np.log(safe_pos) + (1 - y) * np.log(safe_neg)).sum())

    grad = np.array([_central(loss, w, e) for e in np.eye(3)])
    return {
        "a": conv(w).tolist(),
        "b": pool(w).tolist(),
        "c": loss(w),
        "e": grad.tolist(),
        "f": (w - p["lr"] * grad).tolist(),
    }
