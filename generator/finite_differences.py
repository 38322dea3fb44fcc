"""Central finite differences, the independent gradient check of the backprop families.

Shared by the numeric paths of the families (``backprop_sin``, ``graph_gradients``,
``skip_connections`` ...): a gradient key is only trusted when it matches a derivative measured
from the forward pass alone, never from a second hand-written chain rule.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import numpy.typing as npt

STEP = 1e-5  # truncation error ~ STEP² · f''' and rounding ~ 1e-16 / STEP: both far below 1e-7


def gradient(function: Callable[[np.ndarray], float], point: npt.ArrayLike) -> np.ndarray:
    """∂f/∂x at ``point``, one central difference per coordinate."""
    base = np.asarray(point, dtype=float)
    result = np.zeros_like(base)
    for index in np.ndindex(base.shape):
        step = np.zeros_like(base)
        step[index] = STEP
        result[index] = (function(base + step) - function(base - step)) / (2 * STEP)
    return result


def derivative(function: Callable[[float], Any], point: float) -> Any:
    """df/dx at the scalar ``point``: a float, or an array when ``function`` returns one."""
    change = np.asarray(function(point + STEP)) - np.asarray(function(point - STEP))
    slope = change / (2 * STEP)
    return float(slope) if slope.ndim == 0 else slope
