"""Column statistics of the batch, then z_norm = (z - mu)/sigma and y = gamma z_norm + beta.

Statistics are per feature (column) over the b examples (rows), with the biased 1/b variance the
question defines.
"""

from __future__ import annotations

import sympy

from generator.dag import quantity

Matrix = list[list[sympy.Expr]]


def _columns(z: Matrix) -> list[list[sympy.Expr]]:
    return [list(column) for column in zip(*z, strict=True)]


@quantity
def mu(z: Matrix) -> list[sympy.Expr]:
    return [sympy.Rational(sum(column), len(column)) for column in _columns(z)]


@quantity
def sigma(z: Matrix, mu: list[sympy.Expr]) -> list[sympy.Expr]:
    return [
        sympy.sqrt(sum((v - m) ** 2 for v in column) / len(column))
        for column, m in zip(_columns(z), mu, strict=True)
    ]


@quantity
def z_norm(z: Matrix, mu: list[sympy.Expr], sigma: list[sympy.Expr]) -> Matrix:
    return [[(v - m) / s for v, m, s in zip(row, mu, sigma, strict=True)] for row in z]


@quantity
def y(z_norm: Matrix, gamma: list[sympy.Expr], beta: list[sympy.Expr]) -> Matrix:
    return [[g * v + b for v, g, b in zip(row, gamma, beta, strict=True)] for row in z_norm]


@quantity
def purpose() -> str:
    """Model answer of the manual part a (every part names a quantity)."""
    return "gamma and beta let the network undo the normalization (learn any scale and shift)"


@quantity
def spatial_name() -> str:
    """Model answer of the manual part f."""
    return "spatial batch norm (BatchNorm2d): statistics per channel over N, H and W"
