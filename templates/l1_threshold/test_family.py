"""DSECLZG524 mid-sem 2021 (makeup) Q4, pinned to values worked out by hand.

L(theta) = H (theta - theta*)^2 + alpha |theta|: the slope of the quadratic at 0 is -2H theta*,
the subgradient of alpha|theta| at 0 is [-alpha, alpha], so theta^R = 0 iff alpha >= 2H|theta*|.
The seed prints alpha >= H|theta*|, the threshold of (1/2) H (theta - theta*)^2 (its own
max(theta* - alpha/H, 0) also drops the factor 2: the shift is alpha/(2H)).
Numbers (the family's addition): H = [1, 2, 4], theta* = [3, -1/2, 1], alpha = 4:
    thresholds 2*1*3 = 6, 2*2*1/2 = 2, 2*4*1 = 8; theta^R = [3 - 4/2, 0, 1 - 4/8] = [1, 0, 1/2];
    every coordinate is 0 from alpha = 8 on.
"""

import sympy

from generator.registry import default_registry

FAMILY = default_registry().get("l1_threshold")
H, THETA = sympy.symbols("H theta")


def _same(expr: sympy.Expr, expected: sympy.Expr) -> bool:
    points = [(1, 3), (2, sympy.Rational(-1, 2)), (sympy.Rational(1, 3), -2)]
    by_name = {symbol.name: symbol for symbol in expr.free_symbols}
    return all(
        expr.subs({by_name["H"]: h, by_name["theta"]: t}) == expected.subs({H: h, THETA: t})
        for h, t in points
    )


def test_source_threshold_has_the_factor_two() -> None:
    values = FAMILY.solve(FAMILY.source_instance())
    assert _same(values["threshold_expr"], 2 * H * sympy.Abs(THETA))


def test_half_form_gives_the_seeds_threshold() -> None:
    values = FAMILY.solve({**FAMILY.source_instance(), "form": "half"})
    assert _same(values["threshold_expr"], H * sympy.Abs(THETA))
    # (1/2) H: shifts alpha/H = [4, 2, 1]; thresholds [3, 1, 4]: theta^R = [0, 0, 0]
    assert values["theta_R"] == [0, 0, 0]
    assert values["alpha_min"] == 4


def test_source_numbers() -> None:
    values = FAMILY.solve(FAMILY.source_instance())
    assert values["thresholds"] == [6, 2, 8]
    assert values["theta_R"] == [1, 0, sympy.Rational(1, 2)]
    assert values["alpha_min"] == 8


def test_negative_optimum_shrinks_up_to_zero() -> None:
    params = FAMILY.coerce({"form": "full", "H": "[1, 1, 1]", "theta_star": "[-3, 1, 2]"})
    values = FAMILY.solve({**params, "alpha": sympy.Integer(3)})
    assert values["theta_R"] == [sympy.Rational(-3, 2), 0, sympy.Rational(1, 2)]


def test_alpha_that_zeroes_everything_is_rejected() -> None:
    problems = FAMILY.violations({**FAMILY.source_instance(), "alpha": sympy.Integer(9)})
    assert any("zero some coordinates" in p for p in problems)
