"""Independent path: allocate the filter in the stated dtype, run one counting stamp, and slide
windows over (padded) inputs to count positions."""

from __future__ import annotations

from typing import Any

import numpy as np

DTYPES = {"FP16": np.float16, "FP32": np.float32, "FP64": np.float64}


def _positions(length: int, kernel: int, stride: int) -> int:
    return len(range(0, length - kernel + 1, stride))


def _stamp_operations(weights: np.ndarray, window: np.ndarray, bias: np.ndarray) -> int:
    """Evaluate sum_i w_i x_i (+ b) one scalar operation at a time and count the operations."""
    products = [w * x for w, x in zip(weights.ravel(), window.ravel(), strict=True)]
    count, total = len(products), products[0]
    for term in [*products[1:], *bias]:
        total = total + term
        count += 1
    return count


def numeric(p: dict[str, Any]) -> dict[str, Any]:
    dims, k, s = p["dims"], p["kernel"], p["stride"]
    sizes = [p["width"], p["height"], p["depth"]][:dims]
    weights = np.ones((p["channels"],) + (k,) * dims, dtype=DTYPES[p["precision"]])
    bias = np.zeros(1 if p["bias"] == "bias" else 0, dtype=weights.dtype)
    targets = sizes if p["goal"] == "same" else [p["target"]] * dims
    padding = [
        pad
        for pad in range(k)
        if all(
            _positions(n + 2 * pad, k, p["pad_stride"]) == t
            for n, t in zip(sizes, targets, strict=True)
        )
    ]
    stamps = p["batch"] * int(np.prod([_positions(n, k, s) for n in sizes]))
    return {
        "a": padding[0] if len(padding) == 1 else None,
        "b": weights.nbytes + bias.nbytes,
        "c": _stamp_operations(weights, np.ones_like(weights), bias),
        "d": stamps,
    }
