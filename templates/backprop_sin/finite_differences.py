"""Central finite differences, the independent gradient check of the backprop families.

Shared by the numeric paths of the backprop families (``backprop_sin``, ``graph_gradients``,
``skip_connections`` ...): a gradient key is only trusted when it matches a derivative measured
from the forward pass alone, never from a second hand-written chain rule.
"""

from __future__ import annotations

from collections.abc import Callable

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


def derivative(function: Callable[[float], float], point: float) -> float:
    """df/dx of a scalar function at ``point``."""
    return float((function(point + STEP) - function(point - STEP)) / (2 * STEP))
