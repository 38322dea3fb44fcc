"""Independent path: find the padding that keeps the size by trying paddings on a zero map, then
count output positions (sliding windows) times the weights each output value multiplies."""

from __future__ import annotations

from typing import Any

import numpy as np


def _positions(size: int, k: int, pad: int) -> int:
    view = np.lib.stride_tricks.sliding_window_view(np.zeros((size + 2 * pad,) * 2), (k, k))
    return view.shape[0] * view.shape[1]


def _same_padding(size: int, k: int) -> int:
    return next(pad for pad in range(k) if _positions(size, k, pad) == size * size)


def _conv_mults(size: int, k: int, c_in: int, c_out: int) -> int:
    weights = np.zeros((c_out, c_in, k, k))
    return _positions(size, k, _same_padding(size, k)) * weights.size


def numeric(p: dict[str, Any]) -> dict[str, Any]:
    size, k = int(p["size"]), int(p["kernel"])
    c_in, c_mid, c_out = int(p["in_depth"]), int(p["mid_depth"]), int(p["out_depth"])
    reduce, main = _conv_mults(size, 1, c_in, c_mid), _conv_mults(size, k, c_mid, c_out)
    patch = int(p["mlp_patch"]) ** 2 * int(p["mlp_channels"])
    hidden, out = int(p["mlp_hidden"]), int(p["mlp_out"])
    mlp = [np.zeros((patch, hidden)), np.zeros(hidden), np.zeros((hidden, out)), np.zeros(out)]
    return {
        "a": _same_padding(size, 1),
        "b": _same_padding(size, k),
        "c": reduce,
        "d": main,
        "e": reduce + main,
        "f": _conv_mults(size, k, c_in, c_out),
        "g": sum(a.size for a in mlp),
    }
