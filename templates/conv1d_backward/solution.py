"""z_i = w_0 x_i + w_1 x_{i+1} (valid 1D cross-correlation), f = max(z_0, z_1).

Backward: df/dz is 1 at the maximum and 0 elsewhere, dz_i/dw_j = x_{i+j}, so df/dw is the input
window under the maximum; SGD then steps w - alpha df/dw.
"""

from __future__ import annotations

import sympy

from generator.dag import quantity

Vec = list[sympy.Expr]


@quantity
def z(x: Vec, w: Vec) -> Vec:
    return [
        sympy.Add(*(w[j] * x[i + j] for j in range(len(w)))) for i in range(len(x) - len(w) + 1)
    ]


@quantity
def f(z: Vec) -> sympy.Expr:
    return sympy.Max(*z)


@quantity
def dfdz(z: Vec) -> Vec:
    """Local gradient of the max-pool: routes the upstream 1 to the winning input."""
    winner = max(range(len(z)), key=lambda i: z[i])
    return [sympy.Integer(1 if i == winner else 0) for i in range(len(z))]


@quantity
def dzdw(x: Vec, w: Vec) -> list[Vec]:
    """Jacobian of z with respect to w: row i is the input window x_i, ..., x_{i+k-1}."""
    k = len(w)
    return [list(x[i : i + k]) for i in range(len(x) - k + 1)]


@quantity
def grad_w(dfdz: Vec, dzdw: list[Vec]) -> Vec:
    return [
        sympy.Add(*(dfdz[i] * dzdw[i][j] for i in range(len(dfdz)))) for j in range(len(dzdw[0]))
    ]


@quantity
def w_new(w: Vec, lr: sympy.Expr, grad_w: Vec) -> Vec:
    return [wj - lr * gj for wj, gj in zip(w, grad_w, strict=True)]
