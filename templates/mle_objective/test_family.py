"""VIR 2021 Q1 (Laplace, w x - b - y), VIR 2022 Q1 (exponential) and Q2 (Laplace, w x + b - y).

By hand: -log(1/2 exp(-|r|)) = |r| + log 2, so l = |w x - b - y| and the MLE is least absolute
deviations. Exponential: -log(x w exp(-x w y)) = x w y - log w - log x, so l = x w y - log w and
d/dw sum_i l_i = sum_i x_i y_i - N / w = 0 gives w = N / sum_i x_i y_i. The seeds print no solution.
"""

import sympy

from generator.registry import default_registry

W, B, X, Y = sympy.symbols("w b x y")


def _solve(**params: object) -> dict:
    family = default_registry().get("mle_objective")
    return family.solve(family.coerce(params))


def test_vir_2021_laplace_is_least_absolute_deviations() -> None:
    family = default_registry().get("mle_objective")
    values = family.solve(family.source_instance())
    assert sympy.simplify(values["ell"] - sympy.Abs(W * X - B - Y)) == 0
    assert sympy.simplify(values["nll"] - sympy.Abs(W * X - B - Y) - sympy.log(2)) == 0
    assert values["simplified_key"] == "A"


def test_vir_2022_exponential_has_a_closed_form() -> None:
    values = _solve(density="exponential", s=1, sign=1)
    assert sympy.expand(values["ell"] - (X * W * Y - sympy.log(W))) == 0
    assert values["simplified_key"] == "C"
    assert r"\hat w = N" in values["simplified_options"][2]


def test_vir_2022_laplace_with_plus_bias() -> None:
    values = _solve(density="laplace", s=1, sign=1)
    assert values["ell"] == sympy.Abs(W * X + B - Y)


def test_gaussian_variance_two_is_least_squares_with_factor_one_quarter() -> None:
    values = _solve(density="gaussian", s=2, sign=1)
    assert sympy.expand(values["ell"] - (W * X + B - Y) ** 2 / 4) == 0
    assert sympy.simplify(values["nll"] - values["ell"] - sympy.log(4 * sympy.pi) / 2) == 0
    assert values["simplified_key"] == "B"
