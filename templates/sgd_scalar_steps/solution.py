"""Gradient descent p_i = p_{i-1} - lr t'(p_{i-1}) on t = (m p + n)^2, t' = 2 m (m p + n).

The iterates are computed from the ``derivative`` quantity, so a student's own derivative in (a)
gives the follow-through key for (b).
"""

from __future__ import annotations

import sympy

from generator.dag import quantity

P = sympy.Symbol("p")


@quantity
def inner(m: sympy.Integer, n: sympy.Integer) -> sympy.Expr:
    return m * P + n


@quantity
def loss(inner: sympy.Expr) -> sympy.Expr:
    """The function as printed in the question."""
    return inner**2


@quantity
def derivative(m: sympy.Integer, n: sympy.Integer) -> sympy.Expr:
    return sympy.expand(2 * m * (m * P + n))


@quantity
def iterates(
    derivative: sympy.Expr, p0: sympy.Integer, lr: sympy.Rational, steps: sympy.Integer
) -> list[sympy.Expr]:
    values = [p0]
    for _ in range(int(steps)):
        values.append(values[-1] - lr * derivative.subs(P, values[-1]))
    return values[1:]


@quantity
def gradients(derivative: sympy.Expr, iterates: list[sympy.Expr], p0: sympy.Integer) -> list:
    """t'(p_{i-1}) for each step (shown in the solution)."""
    return [derivative.subs(P, v) for v in [p0, *iterates[:-1]]]
