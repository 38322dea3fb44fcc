"""Independent path: the recurrence in numpy floats, outputs through np.maximum."""

from __future__ import annotations

from typing import Any

import numpy as np

from .forward import run

PART_IDS = "abcdef"  # s1, y1, s2, y2, s3, y3


def numeric(p: dict[str, Any]) -> dict[str, Any]:
    values = [v for step in run(p) for v in (step["s"], float(np.maximum(step["v"], 0.0)))]
    return dict(zip(PART_IDS, values, strict=True))
