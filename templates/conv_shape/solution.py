"""Output size floor((H + 2P - K)/S) + 1, parameters F (K K C + 1), weights (F, C, K, K)."""

from __future__ import annotations

import sympy

from generator.dag import quantity
from generator.formatting import Shape


@quantity
def out_size(size: int, padding: int, kernel: int, stride: int) -> sympy.Integer:
    return sympy.floor(sympy.Integer(size + 2 * padding - kernel) / stride) + 1


@quantity
def output_shape(out_size: int, filters: int) -> Shape:
    return Shape((int(out_size), int(out_size), int(filters)))


@quantity
def n_weights(filters: int, channels: int, kernel: int) -> sympy.Integer:
    return sympy.Integer(filters * channels * kernel**2)


@quantity
def n_params(n_weights: int, filters: int) -> sympy.Integer:
    return sympy.Integer(n_weights + filters)


@quantity
def weight_shape(filters: int, channels: int, kernel: int) -> Shape:
    return Shape((int(filters), int(channels), int(kernel), int(kernel)))


@quantity
def weight_shape_keras(filters: int, channels: int, kernel: int) -> Shape:
    return Shape((int(kernel), int(kernel), int(channels), int(filters)))
