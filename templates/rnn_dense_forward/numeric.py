"""Independent path: the forward step in numpy, dy/dw_hy by central differences."""

from __future__ import annotations

from typing import Any

import numpy as np

from generator.finite_differences import gradient


def numeric(p: dict[str, Any]) -> dict[str, Any]:
    a = (
        np.asarray(p["W_hh"]) @ np.asarray(p["h0"])
        + np.asarray(p["W_xh"]) @ np.asarray(p["x"])
        + np.asarray(p["b_h"])
    )
    h = np.tanh(a)

    def output(w_hy: np.ndarray) -> float:
        return float(1 / (1 + np.exp(-(w_hy @ h + p["b_y"]))))

    w_hy = np.asarray(p["w_hy"], dtype=float)
    return {
        "a": a.tolist(),
        "b": h.tolist(),
        "c": float(w_hy @ h + p["b_y"]),
        "d": output(w_hy),
        "e": gradient(output, w_hy).tolist(),
    }
