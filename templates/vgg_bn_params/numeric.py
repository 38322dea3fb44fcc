"""Independent path: allocate gamma, beta, moving mean and variance per layer and count."""

from __future__ import annotations

from typing import Any

import numpy as np


def numeric(p: dict[str, Any]) -> dict[str, Any]:
    trainable, frozen = [], []
    for width, convs in zip(p["widths"], p["convs"], strict=True):
        for _ in range(int(convs)):
            gamma, beta = np.ones(int(width)), np.zeros(int(width))
            mean, var = np.zeros(int(width)), np.ones(int(width))
            trainable.append(gamma.size + beta.size)
            frozen.append(mean.size + var.size)
    k = int(p["first"])
    return {"a": sum(trainable), "b": sum(frozen[:k]), "c": sum(trainable) + sum(frozen)}
