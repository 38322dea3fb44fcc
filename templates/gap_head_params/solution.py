"""Weights of the fully connected head: (input length) n + n m, with the input length C after
global average pooling and H W C after flattening; n + m biases either way."""

from __future__ import annotations

from typing import Any

import sympy

from generator.dag import quantity
from generator.formatting import Shape


@quantity
def pooled_shape(channels: Any) -> Shape:
    return Shape((1, 1, int(channels)))


@quantity
def pooled_vector(channels: Any) -> Shape:
    return Shape((int(channels),))


@quantity
def pooled_length(pooled_shape: Shape) -> sympy.Integer:
    """From the student's own shape, so (b) follows through from (a)."""
    return sympy.Integer(sympy.prod(pooled_shape.dims))


@quantity
def output_weights(hidden: Any, classes: Any) -> sympy.Integer:
    return sympy.Integer(hidden * classes)


@quantity
def gap_weights(pooled_length: Any, hidden: Any, output_weights: Any) -> sympy.Integer:
    return sympy.Integer(pooled_length * hidden + output_weights)


@quantity
def fc_biases(hidden: Any, classes: Any) -> sympy.Integer:
    return sympy.Integer(hidden + classes)


@quantity
def gap_params(gap_weights: Any, fc_biases: Any) -> sympy.Integer:
    return sympy.Integer(gap_weights + fc_biases)


@quantity
def flat_length(size: Any, channels: Any) -> sympy.Integer:
    return sympy.Integer(size * size * channels)


@quantity
def flat_weights(flat_length: Any, hidden: Any, output_weights: Any) -> sympy.Integer:
    return sympy.Integer(flat_length * hidden + output_weights)


@quantity
def flat_params(flat_weights: Any, fc_biases: Any) -> sympy.Integer:
    return sympy.Integer(flat_weights + fc_biases)


@quantity
def saving(flat_weights: Any, gap_weights: Any) -> sympy.Integer:
    return sympy.Integer(flat_weights - gap_weights)
