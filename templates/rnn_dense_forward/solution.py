"""Exact forward step of the two-unit tanh RNN layer and its sigmoid output.

    a = W_hh h0 + W_xh x + b_h        (row i of each matrix feeds unit i)
    h = tanh(a)                       (element-wise)
    z = w_hy . h + b_y,  y = sigma(z) = 1 / (1 + e^(-z))
    dy/dw_hy = y (1 - y) h            (sigma' = y (1 - y))

a is a vector of decimals; h, z and y stay exact (tanh of a rational, sigma of that). sigma is
sigmoid_mlp's exact function node (shared, not copied): written with exp, the gradient repeats
e^(-z) four times and the cross-check of 200 variants takes twice as long. Each later
quantity names the earlier one, so a student's own a or h carries forward (follow-through).
"""

from __future__ import annotations

from typing import Any

import sympy

from generator.dag import quantity
from generator.sigmoid import sigmoid


def _dot(u: list[Any], v: list[Any]) -> Any:
    return sum((a * b for a, b in zip(u, v, strict=True)), sympy.Integer(0))


@quantity
def a(
    W_hh: list[list[Any]], h0: list[Any], W_xh: list[list[Any]], x: list[Any], b_h: list[Any]
) -> list[Any]:
    return [_dot(r, h0) + _dot(s, x) + b for r, s, b in zip(W_hh, W_xh, b_h, strict=True)]


@quantity
def h(a: list[Any]) -> list[sympy.Expr]:
    return [sympy.tanh(v) for v in a]


@quantity
def z(w_hy: list[Any], h: list[Any], b_y: Any) -> sympy.Expr:
    return _dot(w_hy, h) + b_y


@quantity
def y(z: sympy.Expr) -> sympy.Expr:
    return sigmoid(z)


@quantity
def grad_w_hy(y: sympy.Expr, h: list[Any]) -> list[sympy.Expr]:
    return [y * (1 - y) * v for v in h]
