"""Independent path: allocate each layer's kernel and (optional) bias in numpy and count."""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np


def numeric(p: dict[str, Any]) -> dict[str, Any]:
    sizes = [int(p["inputs"]), *(int(w) for w in p["hidden"]), int(p["outputs"])]
    counts = []
    for (a, b), has_bias in zip(itertools.pairwise(sizes), p["bias"], strict=True):
        arrays = [np.zeros((a, b))] + ([np.zeros(b)] if has_bias else [])
        counts.append(sum(x.size for x in arrays))
    return dict(zip("abcde", [*counts, sum(counts)], strict=True))
