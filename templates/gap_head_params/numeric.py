"""Independent path: pool and flatten a numpy feature map, allocate the layers and count."""

from __future__ import annotations

from typing import Any

import numpy as np


def _head(n_in: int, hidden: int, classes: int) -> tuple[int, int]:
    """(weights, biases) allocated for n_in -> hidden -> classes."""
    weights = np.zeros((n_in, hidden)), np.zeros((hidden, classes))
    biases = np.zeros(hidden), np.zeros(classes)
    return sum(w.size for w in weights), sum(b.size for b in biases)


def numeric(p: dict[str, Any]) -> dict[str, Any]:
    size, hidden, classes = int(p["size"]), int(p["hidden"]), int(p["classes"])
    fmap = np.ones((size, size, int(p["channels"])))
    pooled = fmap.mean(axis=(0, 1), keepdims=True)
    gap_w, gap_b = _head(pooled.reshape(-1).size, hidden, classes)
    flat_w, _ = _head(fmap.reshape(-1).size, hidden, classes)
    return {"a": list(pooled.shape), "b": gap_w, "c": gap_b, "d": flat_w, "e": flat_w - gap_w}
