"""Independent path: split an index array into batches with numpy and count."""

from __future__ import annotations

from typing import Any

import numpy as np


def numeric(p: dict[str, Any]) -> dict[str, Any]:
    n, b = int(p["n_train"]), int(p["batch"])
    batches = np.array_split(np.arange(n), range(b, n, b))
    return {
        "a": len(batches),
        "b": len(batches[-1]),
        "c": len(batches) * int(p["epochs"]),
        "d": sum(len(x) for x in batches) * int(p["epochs"]),
    }
