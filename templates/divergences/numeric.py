"""Independent path: numpy sums over the support; an uncovered outcome gives None (infinite)."""

from __future__ import annotations

from typing import Any

import numpy as np

LOG = {"2": np.log2, "e": np.log, "10": np.log10}


def _kl(p: np.ndarray, q: np.ndarray, base: str) -> float | None:
    if np.any((p > 0) & (q == 0)):
        return None
    mask = p > 0
    return float(np.sum(p[mask] * LOG[base](p[mask] / q[mask])))


def numeric(p: dict[str, Any]) -> dict[str, Any]:
    P, Q = np.array(p["P"], dtype=float), np.array(p["Q"], dtype=float)
    M = (P + Q) / 2
    js_terms = [_kl(P, M, p["base"]), _kl(Q, M, p["base"])]
    return {
        "a": _kl(P, Q, p["base"]),
        "b": _kl(Q, P, p["base"]),
        "c": sum(t for t in js_terms if t is not None) / 2,
    }
