"""Independent path: numpy column statistics (ddof=0) and broadcasting."""

from __future__ import annotations

from typing import Any

import numpy as np


def numeric(p: dict[str, Any]) -> dict[str, Any]:
    z = np.array(p["z"], dtype=float)
    mu, sigma = z.mean(axis=0), z.std(axis=0)
    z_norm = (z - mu) / sigma
    y = np.array(p["gamma"], dtype=float) * z_norm + np.array(p["beta"], dtype=float)
    return {"b": mu.tolist(), "c": sigma.tolist(), "d": z_norm.tolist(), "e": y.tolist()}
