"""y = conv(conv(x, w), v) with valid k1 x k1 and k2 x k2 kernels: a scalar needs an N x N input,
N = k1 + k2 - 1. Without bias and activation, g(x) = sum_i conv(conv(x, w_i), v_i) is linear in x:
g(x) = theta^T vec(x) with theta the composed N x N kernel sum_i w_i * v_i (full convolution of the
kernels). With two or more kernel pairs every N x N theta is reachable, so theta needs all N^2
dimensions (numeric.py confirms the rank); g itself has kernels (k1^2 + k2^2) parameters.

With biases (b_i on each first-layer feature map, c on the output), g(x) = theta^T vec(x) + c0 is
affine, and the offset c0 = sum_i b_i sum(v_i) + c takes every real value independently of theta:
one more dimension, and kernels + 1 more parameters in g.
"""

from __future__ import annotations

import sympy

from generator.dag import quantity
from generator.formatting import Shape

KIND_OPTIONS = (
    r"linear in $\mathbf{x}$",
    r"affine but not linear in $\mathbf{x}$",
    r"quadratic in $\mathbf{x}$",
    r"piecewise linear (not linear) in $\mathbf{x}$",
)


@quantity
def input_size(k1: int, k2: int) -> sympy.Integer:
    return sympy.Integer(k1 + k2 - 1)


@quantity
def input_shape(input_size: int) -> Shape:
    return Shape((int(input_size), int(input_size)))


@quantity
def theta_dim(input_shape: Shape, bias: str) -> sympy.Integer:
    return sympy.Integer(sympy.prod(input_shape.dims)) + (1 if bias == "bias" else 0)


@quantity
def g_params(kernels: int, k1: int, k2: int, bias: str) -> sympy.Integer:
    biases = kernels + 1 if bias == "bias" else 0
    return sympy.Integer(kernels * (k1**2 + k2**2) + biases)


@quantity
def kind_options() -> list[str]:
    return list(KIND_OPTIONS)


@quantity
def kind_key(bias: str) -> str:
    """A (linear) without bias; B (affine, not linear) with biases: g(0) = c is not 0."""
    return "B" if bias == "bias" else "A"
