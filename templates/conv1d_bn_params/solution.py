"""Conv1D: output L' = L - K + 1 (valid) or L (same), F (K C + 1) parameters; BatchNormalization:
2 F trainable (gamma, beta) and 2 F non-trainable (moving mean, variance); Dense: (L' F + 1) units.

The Dense count is computed from the conv output shape quantity, so a student's own output shape
carries through to the Dense layer and the totals (follow-through).
"""

from __future__ import annotations

from typing import Any

import sympy

from generator.dag import quantity
from generator.formatting import Shape


@quantity
def conv_shape(length: Any, kernel: Any, filters: Any, padding: str) -> Shape:
    steps = length if padding == "same" else length - kernel + 1
    return Shape((int(steps), int(filters)))


@quantity
def conv_params(kernel: Any, features: Any, filters: Any) -> sympy.Integer:
    return sympy.Integer((kernel * features + 1) * filters)


@quantity
def bn_trainable(filters: Any) -> sympy.Integer:
    return sympy.Integer(2 * filters)


@quantity
def bn_all(filters: Any) -> sympy.Integer:
    return sympy.Integer(4 * filters)


@quantity
def flat_length(conv_shape: Shape) -> sympy.Integer:
    steps, channels = conv_shape.dims
    return sympy.Integer(steps * channels)


@quantity
def dense_params(flat_length: Any, units: Any) -> sympy.Integer:
    return sympy.Integer((flat_length + 1) * units)


@quantity
def trainable(conv_params: Any, bn_trainable: Any, dense_params: Any) -> sympy.Integer:
    return sympy.Integer(conv_params + bn_trainable + dense_params)


@quantity
def non_trainable(bn_all: Any, bn_trainable: Any) -> sympy.Integer:
    return sympy.Integer(bn_all - bn_trainable)
