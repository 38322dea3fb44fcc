"""The exact sigmoid node prints as LaTeX alone and raised to a power (as in σ(z)^2 terms)."""

from __future__ import annotations

import sympy

from generator.sigmoid import sigmoid


def test_sigmoid_latex_alone_and_as_a_power() -> None:
    z = sympy.Symbol("z")
    assert sympy.latex(sigmoid(z)) == r"\sigma\left(z\right)"
    assert sympy.latex(sigmoid(z) ** 2) == r"\sigma\left(z\right)^{2}"
