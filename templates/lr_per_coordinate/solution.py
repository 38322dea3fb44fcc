"""Separable E: each coordinate's gradient step involves only that coordinate.

q: dE/dq = 2 b q, so q^k = (1 - 2 b eta) q^{k-1}: converges iff |1 - 2 b eta| < 1, i.e. eta in
(0, 1/b), fastest (one step) at eta = 1/(2 b). p with n = 2 behaves the same way. p with n = 3:
dE/dp = 3 a p^2 >= 0, so p never increases; from p^0 < 0 it decreases ever faster to -infinity
for every eta > 0 (E is unbounded below), so no fixed rate converges for every start. r: dE/dr = c
is a non-zero constant, so r moves by -eta c every step and never settles.
"""

from __future__ import annotations

import sympy

from generator.dag import quantity

P, Q, R = sympy.symbols("p q r")
# Exactly one option is true for each kind of coordinate: C is a conjunction whose second half
# (some starts creep towards a flat point) fails for a linear term, where no start settles.
VERDICT_OPTIONS = (
    "it converges to the minimiser from every start for every small enough fixed learning rate",
    "it never converges, from any start: the gradient is a non-zero constant, so every step has "
    "the same size",
    "it depends on the start: from some starts the iterates run off to infinity for every fixed "
    "learning rate, from the others they creep towards a flat point that is not a minimiser",
)


@quantity
def error(
    p_power: sympy.Integer, a: sympy.Integer, b: sympy.Integer, c: sympy.Integer, d: sympy.Integer
) -> sympy.Expr:
    """The error surface as printed in the question."""
    return a * P**p_power + b * Q**2 + c * R + d


@quantity
def gradient(error: sympy.Expr) -> list[sympy.Expr]:
    """The partial derivatives (shown in the solution)."""
    return [sympy.diff(error, v) for v in (P, Q, R)]


@quantity
def verdict_options() -> list[str]:
    return list(VERDICT_OPTIONS)


@quantity
def verdict_p(p_power: sympy.Integer) -> str:
    return "A" if p_power == 2 else "C"


@quantity
def verdict_q() -> str:
    return "A"


@quantity
def verdict_r() -> str:
    return "B"


@quantity
def converge_q(b: sympy.Integer) -> sympy.Set:
    return sympy.Interval.open(0, 1 / b)


@quantity
def eta_opt_q(b: sympy.Integer) -> sympy.Expr:
    return sympy.Rational(1, 2) / b


@quantity
def converge_p(p_power: sympy.Integer, a: sympy.Integer) -> sympy.Set:
    """For the quadratic p the same reasoning gives (0, 1/a) (shown in the solution only)."""
    return sympy.Interval.open(0, 1 / a) if p_power == 2 else sympy.EmptySet
