"""Independent path: allocate every weight matrix and bias vector of the stack and count them."""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np


def numeric(p: dict[str, Any]) -> dict[str, Any]:
    sizes = [int(p["inputs"]), *[int(p["width"])] * int(p["layers"]), 1]
    layers = [(np.zeros((a, b)), np.zeros(b)) for a, b in itertools.pairwise(sizes)]
    counts = [w.size + b.size for w, b in layers]
    return {"a": counts[0], "b": counts[1], "c": counts[-1], "d": sum(counts)}
