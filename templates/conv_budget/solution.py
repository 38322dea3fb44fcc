"""Exact budget of one filter that spans all C input channels, with or without one bias.

Conventions (stated in the question): a stamp computes one output value sum_i w_i x_i (+ b), that
is n = K^d C multiplications, n - 1 additions to sum the products and, with a bias, 1 addition for
it: 2n - 1 or 2n operations; the learnable parameters are the n weights (and the bias). The other
bias convention than the stated one is an alternative worth half the points.
"""

from __future__ import annotations

import sympy

from generator.dag import quantity

BYTES = {"FP16": 2, "FP32": 4, "FP64": 8}


@quantity
def sizes(dims: int, width: int, height: int, depth: int) -> list[sympy.Integer]:
    return [sympy.Integer(n) for n in (width, height, depth)][: int(dims)]


@quantity
def padding(target: int, pad_stride: int, width: int, kernel: int) -> sympy.Integer:
    # (N + 2P - K)/S + 1 = T  <=>  P = ((T - 1) S - N + K) / 2; same padding is T = N, S = 1.
    return sympy.Integer(((target - 1) * pad_stride - width + kernel) / 2)


@quantity
def n_weights(kernel: int, dims: int, channels: int) -> sympy.Integer:
    return sympy.Integer(kernel**dims * channels)


def _biases(bias: str) -> int:
    return 1 if bias == "bias" else 0


@quantity
def n_params(n_weights: int, bias: str) -> sympy.Integer:
    return sympy.Integer(n_weights + _biases(bias))


@quantity
def bytes_per_param(precision: str) -> sympy.Integer:
    return sympy.Integer(BYTES[precision])


@quantity
def memory(n_params: int, bytes_per_param: int) -> sympy.Integer:
    return sympy.Integer(n_params * bytes_per_param)


@quantity
def memory_other_bias(n_weights: int, bytes_per_param: int, bias: str) -> sympy.Integer:
    """The memory under the bias convention the question did not state."""
    return sympy.Integer((n_weights + 1 - _biases(bias)) * bytes_per_param)


@quantity
def ops_per_stamp(n_weights: int, bias: str) -> sympy.Integer:
    return sympy.Integer(2 * n_weights - 1 + _biases(bias))


@quantity
def ops_other_bias(n_weights: int, bias: str) -> sympy.Integer:
    """The operation count under the bias convention the question did not state."""
    return sympy.Integer(2 * n_weights - _biases(bias))


@quantity
def stamp_grid(sizes: list[int], kernel: int, stride: int) -> list[sympy.Integer]:
    """Valid positions per spatial dimension, (N - K)/S + 1, in the printed order."""
    return [sympy.Integer((n - kernel) / stride + 1) for n in sizes]


@quantity
def stamps(batch: int, stamp_grid: list[int]) -> sympy.Integer:
    return sympy.Integer(batch * sympy.prod(stamp_grid))
