"""Soft thresholding, exactly.

With L(theta) = k H (theta - theta*)^2 + alpha |theta| (k = 1, or 1/2 for the ``half`` form), the
smooth part has slope 2kH(theta - theta*), which is -2kH theta* at 0. Zero is the minimiser iff
the subgradient [-alpha, alpha] of alpha|theta| at 0 can cancel it: alpha >= 2kH|theta*|.
Otherwise the minimiser moves towards 0 by alpha/(2kH):
    theta^R = sign(theta*) max(|theta*| - alpha / (2kH), 0).
"""

from __future__ import annotations

from typing import Any

import sympy

from generator.dag import quantity

H_SYMBOL = sympy.Symbol("H")  # plain symbols: the grader and cross-check substitute by name
THETA_SYMBOL = sympy.Symbol("theta")


@quantity
def k(form: str) -> sympy.Rational:
    """The factor in front of H: 1 as in the source, 1/2 in the textbook form."""
    return sympy.Integer(1) if form == "full" else sympy.Rational(1, 2)


@quantity
def threshold_expr(k: Any) -> sympy.Expr:
    """Smallest alpha with theta^R = 0 for one coordinate, in H and theta (= theta*)."""
    return 2 * k * H_SYMBOL * sympy.Abs(THETA_SYMBOL)


@quantity
def shift(k: Any, H: list[Any], alpha: Any) -> list[Any]:
    """alpha / (2kH_ii): how far each coordinate moves towards 0."""
    return [alpha / (2 * k * h) for h in H]


@quantity
def theta_R(theta_star: list[Any], shift: list[Any]) -> list[Any]:
    return [
        sympy.sign(t) * sympy.Max(abs(t) - s, 0) for t, s in zip(theta_star, shift, strict=True)
    ]


@quantity
def thresholds(k: Any, H: list[Any], theta_star: list[Any]) -> list[Any]:
    return [2 * k * h * abs(t) for h, t in zip(H, theta_star, strict=True)]


@quantity
def alpha_min(thresholds: list[Any]) -> Any:
    """Every coordinate is 0 once alpha reaches the largest threshold."""
    return sympy.Max(*thresholds)
