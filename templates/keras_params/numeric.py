"""Independent path: push a zero tensor through numpy layers and count allocated parameters.

Output sizes are counted from sliding-window views (one output per window position), so no
formula for H - K + 1 or floor(H / 2) is reused from the solution.
"""

from __future__ import annotations

from typing import Any

import numpy as np


def _conv(x: np.ndarray, k: int, filters: int, same: bool) -> tuple[np.ndarray, int]:
    if same:
        x = np.pad(x, ((k // 2, (k - 1) // 2), (k // 2, (k - 1) // 2), (0, 0)))
    kernel, bias = np.zeros((k, k, x.shape[2], filters)), np.zeros(filters)
    windows = np.lib.stride_tricks.sliding_window_view(x, (k, k), axis=(0, 1))
    out = np.zeros((windows.shape[0], windows.shape[1], filters))  # one value per window position
    return out + bias, kernel.size + bias.size


def _pool(x: np.ndarray) -> np.ndarray:
    rows, cols = range(0, x.shape[0] - 1, 2), range(0, x.shape[1] - 1, 2)
    return np.array([[x[r : r + 2, c : c + 2].max(axis=(0, 1)) for c in cols] for r in rows])


def numeric(p: dict[str, Any]) -> dict[str, Any]:
    x = np.zeros((int(p["size"]), int(p["size"]), int(p["channels"])))
    shapes, conv_params = [], []
    total = frozen = 0
    for f in p["filters"]:
        x, count = _conv(x, int(p["kernel"]), int(f), p["padding"] == "same")
        shapes.append(x.shape)
        conv_params.append(count)
        total += count
        if p["batchnorm"] == "yes":
            gamma, beta, mean, var = (np.ones(x.shape[2]) for _ in range(4))
            total += gamma.size + beta.size + mean.size + var.size
            frozen += mean.size + var.size
        x = _pool(x)
        shapes.append(x.shape)
    flat = x.reshape(-1)
    dense = np.zeros((flat.size, int(p["units"]))), np.zeros(int(p["units"]))
    out = np.zeros((int(p["units"]), int(p["classes"]))), np.zeros(int(p["classes"]))
    dense_params = sum(a.size for a in dense)
    total += dense_params + sum(a.size for a in out)
    return {
        "a": list(shapes[0]),
        "b": list(shapes[1]),
        "c": list(x.shape),
        "d": flat.size,
        "e": conv_params[0],
        "f": conv_params[-1],
        "g": dense_params,
        "h": total,
        "i": total - frozen,
        "j": frozen,
    }
