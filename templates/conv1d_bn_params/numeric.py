"""Independent path: allocate the Keras layers' arrays in numpy and count windows and entries."""

from __future__ import annotations

from typing import Any

import numpy as np


def numeric(p: dict[str, Any]) -> dict[str, Any]:
    length, c, f, k = (int(p[name]) for name in ("length", "features", "filters", "kernel"))
    x = np.zeros((length, c))
    if p["padding"] == "same":  # Keras pads (K - 1) zeros, the extra one at the end
        x = np.pad(x, (((k - 1) // 2, k // 2), (0, 0)))
    windows = np.lib.stride_tricks.sliding_window_view(x, k, axis=0)
    conv = np.zeros((k, c, f)), np.zeros(f)
    out = np.zeros((windows.shape[0], f))
    gamma, beta, moving_mean, moving_var = (np.ones(f) for _ in range(4))
    flat = out.reshape(-1)
    dense = np.zeros((flat.size, int(p["units"]))), np.zeros(int(p["units"]))
    conv_count = sum(a.size for a in conv)
    dense_count = sum(a.size for a in dense)
    return {
        "a": list(out.shape),
        "b": conv_count,
        "c": gamma.size + beta.size,
        "d": dense_count,
        "e": conv_count + gamma.size + beta.size + dense_count,
        "f": moving_mean.size + moving_var.size,
    }
