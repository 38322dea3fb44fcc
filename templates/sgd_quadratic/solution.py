"""Gradient descent on a quadratic multiplies the weight by rho(alpha) each step.

1-D: f(w) = a w^2 + c has f'(w) = 2 a w, so w^k = rho^k w^0 with rho = 1 - 2 a alpha. It converges
when |rho| < 1, oscillates (changes sign every step) when rho < 0, diverges when |rho| > 1, and
reaches the minimum in one step when rho = 0. At alpha = 1/a (rho = -1) it neither converges nor
diverges: it jumps between w^0 and -w^0.

2-D: f = 1/2 ((w1 x1)^2 + (w2 x2)^2) decouples into rho_i = 1 - alpha x_i^2. Both converge on
(0, 2 / max x_i^2); max |rho_i| is smallest where the steepest and the flattest dimension balance,
1 - alpha s_min = alpha s_max - 1, i.e. alpha* = 2 / (s_1 + s_2).
"""

from __future__ import annotations

import sympy

from generator.dag import quantity

ALPHA = sympy.Symbol("alpha")
W = sympy.Symbol("w")


@quantity
def f_1d(a: sympy.Expr, c: sympy.Expr) -> sympy.Expr:
    """The 1-D function as printed in the question."""
    return a * W**2 + c


@quantity
def grad_1d(f_1d: sympy.Expr) -> sympy.Expr:
    return sympy.diff(f_1d, W)


@quantity
def rho(a: sympy.Expr) -> sympy.Expr:
    """The 1-D contraction factor as an expression in alpha (shown in the solution)."""
    return 1 - 2 * a * ALPHA


@quantity
def converge(a: sympy.Expr) -> sympy.Set:
    return sympy.Interval.open(0, 1 / a)


@quantity
def oscillate(a: sympy.Expr) -> sympy.Set:
    return sympy.Interval.open(1 / (2 * a), sympy.oo)


@quantity
def oscillate_not_diverging(a: sympy.Expr) -> sympy.Set:
    """The source's three-way reading (converge / oscillate / diverge as separate cases): the
    rates that alternate without growing, up to the constant amplitude at 1/a."""
    return sympy.Interval.Lopen(1 / (2 * a), 1 / a)


@quantity
def oscillate_converging(a: sympy.Expr) -> sympy.Set:
    """The same reading without the constant-amplitude rate 1/a: the alternating rates that
    still converge."""
    return sympy.Interval.open(1 / (2 * a), 1 / a)


@quantity
def diverge(a: sympy.Expr) -> sympy.Set:
    return sympy.Interval.open(1 / a, sympy.oo)


@quantity
def alpha_star(a: sympy.Expr) -> sympy.Expr:
    return 1 / (2 * a)


@quantity
def abs_gradient_size() -> sympy.Integer:
    """|d|w|/dw| = 1 for every w != 0: the manual part's argument rests on this constant step."""
    return sympy.Integer(1)


@quantity
def curvatures(x: list[sympy.Expr]) -> list[sympy.Expr]:
    """s_i = x_i^2, the second derivative of f in dimension i."""
    return [v**2 for v in x]


@quantity
def rho_2d(curvatures: list[sympy.Expr]) -> list[sympy.Expr]:
    """rho_i(alpha) = 1 - alpha s_i as expressions (shown in the solution)."""
    return [1 - s * ALPHA for s in curvatures]


@quantity
def converge_2d(curvatures: list[sympy.Expr]) -> sympy.Set:
    return sympy.Interval.open(0, 2 / max(curvatures))


@quantity
def alpha_star_2d(curvatures: list[sympy.Expr]) -> sympy.Expr:
    return 2 / (curvatures[0] + curvatures[1])


@quantity
def rates_2d(alpha_star_2d: sympy.Expr, curvatures: list[sympy.Expr]) -> list[sympy.Expr]:
    """rho_i(alpha*) for each dimension, from the (possibly student-given) alpha*."""
    return [1 - alpha_star_2d * s for s in curvatures]


@quantity
def rate_2d(rates_2d: list[sympy.Expr]) -> sympy.Expr:
    return max(abs(r) for r in rates_2d)
