"""Forward pass, loss, chain rule ∂L/∂w = ∂L/∂y · ∂y/∂w, and one SGD step w − α ∂L/∂w.

The logistic loss is L = log(1 + exp(−l·y)) with label l ∈ {−1, +1}: the VIR 2021 text elides the
formula, and this is the textbook "logistic loss" for a real-valued score y and a ±1 label. For
l = +1 it equals binary cross-entropy on σ(y) with target 1, −log σ(y), so the source instance
(l = 1) has the same key under either reading.
"""

from __future__ import annotations

from typing import Any

import sympy

from generator.dag import quantity


def _tidy(expr: sympy.Expr) -> sympy.Expr:
    """Rationalise and multiply out radicals; keep 1/(1 + e^(l y)) factored as students write it
    (e^1 is sympy's E, not an exp(...) call, so both are looked for)."""
    return expr if expr.has(sympy.exp, sympy.E) else sympy.expand(sympy.radsimp(expr))


@quantity
def show_bias(network: str, b: sympy.Integer) -> bool:
    """The 2021/2022 network has no bias; print one there only when an instructor sets it."""
    return network == "sin_of_dot" or b != 0


@quantity
def wx(w: list[Any], x: list[Any]) -> sympy.Expr:
    return sympy.expand(w[0] * x[0] + w[1] * x[1])


@quantity
def sin_w(w: list[Any]) -> list[sympy.Expr]:
    return [sympy.sin(wi) for wi in w]


@quantity
def cos_w(w: list[Any]) -> list[sympy.Expr]:
    return [sympy.cos(wi) for wi in w]


@quantity
def h(network: str, wx: sympy.Expr, sin_w: list[Any], x: list[Any]) -> sympy.Expr:
    """The value before the bias: sin(wᵀx) or sin(w)ᵀx."""
    if network == "sin_of_dot":
        return sympy.sin(wx)
    return sympy.expand(sin_w[0] * x[0] + sin_w[1] * x[1])


@quantity
def y(h: sympy.Expr, b: sympy.Integer) -> sympy.Expr:
    return sympy.expand(h - b)


@quantity
def loss_value(loss: str, y: sympy.Expr, label: sympy.Integer) -> sympy.Expr:
    if loss == "l2":
        return sympy.expand((y - label) ** 2)
    if loss == "logistic":
        return sympy.log(1 + sympy.exp(-label * y))
    return -sympy.log(sympy.expand(y * label))


@quantity
def dloss_dy(loss: str, y: sympy.Expr, label: sympy.Integer) -> sympy.Expr:
    if loss == "l2":
        return sympy.expand(2 * (y - label))
    if loss == "logistic":
        return -label / (1 + sympy.exp(label * y))
    return _tidy(-1 / y)


@quantity
def dh_dwx(wx: sympy.Expr) -> sympy.Expr:
    """Local gradient of the sin node of sin(wᵀx)."""
    return sympy.cos(wx)


@quantity
def dy_dw(network: str, x: list[Any], dh_dwx: sympy.Expr, cos_w: list[Any]) -> list[sympy.Expr]:
    """∂y/∂w: cos(wᵀx)·x, or cos(w) ⊙ x for the element-wise sine."""
    if network == "sin_of_dot":
        return [sympy.expand(dh_dwx * xi) for xi in x]
    return [sympy.expand(ci * xi) for ci, xi in zip(cos_w, x, strict=True)]


@quantity
def grad_w(dloss_dy: sympy.Expr, dy_dw: list[Any]) -> list[sympy.Expr]:
    return [_tidy(dloss_dy * d) for d in dy_dw]


@quantity
def w_new(w: list[Any], lr: sympy.Rational, grad_w: list[Any]) -> list[sympy.Expr]:
    return [_tidy(wi - lr * gi) for wi, gi in zip(w, grad_w, strict=True)]


@quantity
def graph_edges(
    network: str,
    w: list[Any],
    x: list[Any],
    b: sympy.Integer,
    wx: sympy.Expr,
    dh_dwx: sympy.Expr,
    sin_w: list[Any],
    cos_w: list[Any],
    h: sympy.Expr,
    y: sympy.Expr,
    dloss_dy: sympy.Expr,
) -> dict[str, tuple[Any, Any]]:
    """What the manual part asks for: each edge's (forward value, local gradient of its consumer).

    The solution template draws the annotated graph from this. For the element-wise sine the
    local Jacobian diag(cos w) is shown by its diagonal cos(w).
    """
    edges: dict[str, tuple[Any, Any]] = {
        "x": (x, w if network == "sin_of_dot" else sin_w),
        "h": (h, sympy.Integer(1)),
        "b": (b, sympy.Integer(-1)),
        "y": (y, dloss_dy),
    }
    if network == "sin_of_dot":
        edges["w"] = (w, x)
        edges["z"] = (wx, dh_dwx)
    else:
        edges["w"] = (w, cos_w)
        edges["s"] = (sin_w, x)
    return edges
