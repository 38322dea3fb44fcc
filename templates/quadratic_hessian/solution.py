"""Exact minimisation in two steps, gradients and Hessians, and the type of critical points.

1-D: f'(x) = a x + b, so x* = -b/a. Any step x2 = x1 - eta2 (a x1 + b) = x1 - eta2 a (x1 - x*)
lands on x* exactly when eta2 = 1/a (Newton's step 1/f''), whatever eta1 and x0 gave x1 != x*.
2-D: a point with zero gradient is a minimum when the Hessian is positive definite (det > 0,
trace > 0), a maximum when negative definite (det > 0, trace < 0) and a saddle when det < 0.
E: with d = w1 - w2, dE/dw1 = 3 d^2 - 2 w1 and dE/dw2 = -3 d^2 + 2 w2 + 2 s; their sum gives
d = s, so the critical points are w1 = 3 s^2 / 2, w2 = w1 - s, any w3. There the (w1, w2) Hessian
[[6d - 2, -6d], [-6d, 6d + 2]] has determinant -4 < 0: a saddle. E has no minimum: the cubic
term makes it unbounded below as w1 - w2 -> -oo.
"""

from __future__ import annotations

import sympy

from generator.dag import quantity

X, Y = sympy.symbols("x y")
W1, W2, W3 = sympy.symbols("w1 w2 w3")
TYPE_OPTIONS = (
    "a local minimum",
    "a local maximum",
    "a saddle point",
    "not a critical point (the gradient is not zero)",
)


# -- 1-D quadratic ----------------------------------------------------------------------------
@quantity
def f_1d(a: sympy.Integer, b: sympy.Integer, c: sympy.Integer) -> sympy.Expr:
    return sympy.Rational(1, 2) * a * X**2 + b * X + c


@quantity
def x_star(a: sympy.Integer, b: sympy.Integer) -> sympy.Expr:
    return sympy.Rational(-b, a)


@quantity
def eta2(a: sympy.Integer) -> sympy.Expr:
    return sympy.Rational(1, a)


# -- 2-D polynomial ---------------------------------------------------------------------------
@quantity
def g(
    p4: sympy.Integer,
    p2: sympy.Integer,
    q4: sympy.Integer,
    q2: sympy.Integer,
    m: sympy.Integer,
    u: sympy.Integer,
    v: sympy.Integer,
) -> sympy.Expr:
    return p4 * X**4 + p2 * X**2 + q4 * Y**4 + q2 * Y**2 + m * X * Y + u * X + v * Y


@quantity
def grad_g(g: sympy.Expr) -> list[sympy.Expr]:
    """The gradient of g as expressions in x and y."""
    return [sympy.diff(g, X), sympy.diff(g, Y)]


@quantity
def hess_g(grad_g: list[sympy.Expr]) -> list[list[sympy.Expr]]:
    return [[sympy.diff(component, var) for var in (X, Y)] for component in grad_g]


def _at(value: list, point: list[sympy.Integer]) -> list:
    """A vector or matrix of expressions evaluated at a point (x, y)."""
    where = {X: point[0], Y: point[1]}
    if isinstance(value[0], list):
        return [[entry.subs(where) for entry in row] for row in value]
    return [entry.subs(where) for entry in value]


@quantity
def grad_p(grad_g: list[sympy.Expr], P: list[sympy.Integer]) -> list[sympy.Expr]:
    return _at(grad_g, P)


@quantity
def grad_q1(grad_g: list[sympy.Expr], Q1: list[sympy.Integer]) -> list[sympy.Expr]:
    return _at(grad_g, Q1)


@quantity
def grad_q2(grad_g: list[sympy.Expr], Q2: list[sympy.Integer]) -> list[sympy.Expr]:
    return _at(grad_g, Q2)


@quantity
def hess_q1(hess_g: list[list[sympy.Expr]], Q1: list[sympy.Integer]) -> list[list[sympy.Expr]]:
    return _at(hess_g, Q1)


@quantity
def hess_q2(hess_g: list[list[sympy.Expr]], Q2: list[sympy.Integer]) -> list[list[sympy.Expr]]:
    return _at(hess_g, Q2)


def classify(gradient: list[sympy.Expr], hessian: list[list[sympy.Expr]]) -> str:
    """The option letter for a point: D off critical points, else by the Hessian's definiteness."""
    if any(entry != 0 for entry in gradient):
        return "D"
    det = hessian[0][0] * hessian[1][1] - hessian[0][1] * hessian[1][0]
    if det < 0:
        return "C"
    if det == 0:
        raise ValueError("singular Hessian at a critical point: the second-order test is silent")
    return "A" if hessian[0][0] > 0 else "B"


@quantity
def type_options() -> list[str]:
    return list(TYPE_OPTIONS)


@quantity
def type_q1(grad_q1: list[sympy.Expr], hess_q1: list[list[sympy.Expr]]) -> str:
    return classify(grad_q1, hess_q1)


@quantity
def type_q2(grad_q2: list[sympy.Expr], hess_q2: list[list[sympy.Expr]]) -> str:
    return classify(grad_q2, hess_q2)


# -- error surface ----------------------------------------------------------------------------
@quantity
def error_surface_tex(s: sympy.Integer) -> str:
    """E in the source's unexpanded form."""
    inner = sympy.latex(W1**2 - s * W2).replace("w_{1}", "w_1").replace("w_{2}", "w_2")
    return rf"(w_1 - w_2)^3 - 2\left({inner}\right) + w_1^2 + w_2^2"


@quantity
def grad_e(s: sympy.Integer) -> list[sympy.Expr]:
    """dE/dw1, dE/dw2, dE/dw3 (differentiated term by term; E does not involve w3)."""
    d = W1 - W2
    return [3 * d**2 - 2 * W1, -3 * d**2 + 2 * W2 + 2 * s, sympy.Integer(0)]


def _critical(s: sympy.Integer) -> dict[sympy.Symbol, sympy.Expr]:
    """w1 = 3 s^2 / 2, w2 = w1 - s (from the sum of the two gradient equations, d = s)."""
    w1 = sympy.Rational(3, 2) * s**2
    return {W1: w1, W2: w1 - s}


@quantity
def e_critical(s: sympy.Integer) -> list[sympy.Expr]:
    point = _critical(s)
    return [point[W1], point[W2]]


@quantity
def e_hessian(s: sympy.Integer) -> list[list[sympy.Expr]]:
    """The (w1, w2) block of the Hessian [[6d - 2, -6d], [-6d, 6d + 2]] at d = w1 - w2 = s (the
    w3 row and column are 0)."""
    return [[6 * s - 2, -6 * s], [-6 * s, 6 * s + 2]]


@quantity
def e_type(grad_e: list[sympy.Expr], s: sympy.Integer, e_hessian: list) -> str:
    """Always a saddle (det = -4); computed, not asserted, so a wrong formula cannot hide."""
    where = _critical(s)
    return classify([entry.subs(where) for entry in grad_e[:2]], e_hessian)
