"""Forward pass, squared error, gradient, one step and the loss's floor, all exact.

    z = w1 x1 + w2 x2 + b,  y_hat = sigma(z),  E = 1/2 (y_hat - y)^2
    dE/d[w1, w2, b] = delta [x1, x2, 1] with delta = (y_hat - y) y_hat (1 - y_hat)
    step: [w1, w2, b] - eta dE/d[w1, w2, b]
Floor: y_hat ranges over (0, 1), so inf E = 1/2 dist(y, [0, 1])^2: 1/2 (y - 1)^2 above 1,
1/2 y^2 below 0. It is approached (never reached) as z goes to +-infinity.
sigma is sigmoid_mlp's exact function node (shared, not copied), so keys stay short.
"""

from __future__ import annotations

from typing import Any

import sympy

from generator.dag import quantity
from generator.sigmoid import sigmoid


@quantity
def z(x: list[Any], w: list[Any], b: Any) -> Any:
    return w[0] * x[0] + w[1] * x[1] + b


@quantity
def y_hat(z: Any) -> sympy.Expr:
    return sigmoid(z)


@quantity
def error(y_hat: sympy.Expr, target: Any) -> sympy.Expr:
    return (y_hat - target) ** 2 / 2


@quantity
def error_without_half(error: sympy.Expr) -> sympy.Expr:
    """(y_hat - y)^2, the loss without the 1/2 the question states (partial credit)."""
    return 2 * error


@quantity
def delta(y_hat: sympy.Expr, target: Any) -> sympy.Expr:
    """dE/dz = (y_hat - y) sigma'(z), sigma' = y_hat (1 - y_hat)."""
    return (y_hat - target) * y_hat * (1 - y_hat)


@quantity
def grad(delta: sympy.Expr, x: list[Any]) -> list[sympy.Expr]:
    """[dE/dw1, dE/dw2, dE/db]."""
    return [delta * x[0], delta * x[1], delta]


@quantity
def params_new(w: list[Any], b: Any, lr: Any, grad: list[Any]) -> list[sympy.Expr]:
    return [p - lr * g for p, g in zip([*w, b], grad, strict=True)]


@quantity
def nearest_output(target: Any) -> Any:
    """The end of (0, 1) the output approaches to get closest to the target."""
    return sympy.Integer(1) if target > 1 else sympy.Integer(0)


@quantity
def loss_floor(target: Any, nearest_output: Any) -> Any:
    return (target - nearest_output) ** 2 / 2
