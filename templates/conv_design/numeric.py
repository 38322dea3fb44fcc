"""Independent path: slide a design's windows over a zero-padded numpy input and compare the shape
of the output (one channel per kernel, one pixel per window) with the target."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def _realises(p: dict[str, Any], design: list[float]) -> bool:
    k, s, pad, f = (int(v) for v in design)
    if any(v != int(v) for v in design) or min(k, s, f) < 1 or pad < 0 or pad >= k:
        return False
    padded = np.pad(
        np.ones((p["in_channels"], p["in_size"], p["in_size"])), ((0, 0), (pad, pad), (pad, pad))
    )
    if padded.shape[1] < k:
        return False
    windows = sliding_window_view(padded, (p["in_channels"], k, k))[0, ::s, ::s]
    return (f, *windows.shape[:2]) == (p["out_channels"], p["out_size"], p["out_size"])


def numeric(p: dict[str, Any]) -> dict[str, Callable[[list[float]], bool]]:
    return {"a": lambda design: _realises(p, design)}
