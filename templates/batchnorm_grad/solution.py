"""Batch norm with epsilon = 0 and the biased variance: y_i = gamma xhat_i + beta.

Because y is linear in gamma and beta, dy_i/dgamma = xhat_i and dy_i/dbeta = 1, and the gradient of
sum_i y_i^2 with respect to gamma is sum_i 2 y_i xhat_i (which the normalization makes 2 m gamma).
"""

from __future__ import annotations

import sympy

from generator.dag import quantity


@quantity
def mean(x: list[sympy.Integer]) -> sympy.Rational:
    return sympy.Rational(sum(int(v) for v in x), len(x))


@quantity
def sigma(x: list[sympy.Integer], mean: sympy.Rational) -> sympy.Expr:
    return sympy.sqrt(sum((v - mean) ** 2 for v in x) / len(x))


@quantity
def x_hat(x: list[sympy.Integer], mean: sympy.Rational, sigma: sympy.Expr) -> list[sympy.Expr]:
    return [sympy.radsimp((v - mean) / sigma) for v in x]


@quantity
def y(x_hat: list[sympy.Expr], gamma: sympy.Integer, beta: sympy.Integer) -> list[sympy.Expr]:
    return [gamma * v + beta for v in x_hat]


@quantity
def loss(y: list[sympy.Expr]) -> sympy.Expr:
    return sympy.expand(sum(v**2 for v in y))


@quantity
def grad_gamma(y: list[sympy.Expr], x_hat: list[sympy.Expr]) -> sympy.Expr:
    return sympy.expand(sum(2 * a * b for a, b in zip(y, x_hat, strict=True)))


@quantity
def jac_gamma(x_hat: list[sympy.Expr]) -> list[sympy.Expr]:
    return list(x_hat)


@quantity
def jac_beta(x_beta: list[sympy.Integer]) -> list[sympy.Integer]:
    return [sympy.Integer(1) for _ in x_beta]


@quantity
def jacobian(jac_gamma: list[sympy.Expr]) -> list[list[sympy.Expr]]:
    return [[v, sympy.Integer(1)] for v in jac_gamma]


@quantity
def batch_size_reason() -> str:
    """The model answer of the manual part (the loader requires every part to name a quantity)."""
    return "m = 1 gives mu = x_1 and sigma = 0: the output is the constant beta, no information"
