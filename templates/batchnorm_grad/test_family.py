"""VIR 2019 Q4-6 and VIR 2022 Q1: B = {2, 4}, gamma = 6, beta = -1; second batch {5, 2, 1}.

The seeds print no solution for these questions; the values below are computed by hand.
"""

import sympy

from generator.registry import default_registry

FAMILY = default_registry().get("batchnorm_grad")


def test_source_instance() -> None:
    values = FAMILY.solve(FAMILY.source_instance())
    # mu = 3, sigma^2 = ((2-3)^2 + (4-3)^2)/2 = 1, xhat = (-1, 1), y = 6 xhat - 1 = (-7, 5).
    assert values["x_hat"] == [-1, 1]
    assert values["y"] == [-7, 5]
    # d/dgamma (y1^2 + y2^2) = 2(-7)(-1) + 2(5)(1) = 24.
    assert values["grad_gamma"] == 24
    assert values["jac_gamma"] == [-1, 1]
    # The beta Jacobian of the three-example batch {5, 2, 1} is all ones.
    assert values["jac_beta"] == [1, 1, 1]
    assert values["jacobian"] == [[-1, 1], [1, 1]]


def test_surd_sigma() -> None:
    # x = {0, 3, 6}: mu = 3, sigma^2 = (9 + 0 + 9)/3 = 6, xhat = (-sqrt(6)/2, 0, sqrt(6)/2).
    params = FAMILY.coerce({"x": "[0, 3, 6]", "x_beta": "[1, 2]", "gamma": 2, "beta": 1})
    assert FAMILY.violations(params) == []
    values = FAMILY.solve(params)
    half = sympy.sqrt(6) / 2
    assert values["x_hat"] == [-half, 0, half]
    # 2 [(1 - sqrt6)(-sqrt6/2) + (1 + sqrt6)(sqrt6/2)] = 2 (3 + 3) = 12 = 2 m gamma.
    assert values["grad_gamma"] == 12


def test_degenerate_and_unfriendly_batches_are_rejected() -> None:
    base = FAMILY.source_instance()
    flat = FAMILY.violations({**base, "x": FAMILY.param("x").coerce("[3, 3]")})
    assert any("no spread" in p for p in flat)
    # {1, 2, 4}: mean 7/3 is not an integer or a half.
    ugly = FAMILY.violations({**base, "x": FAMILY.param("x").coerce("[1, 2, 4]")})
    assert any("mean" in p for p in ugly)
    assert FAMILY.violations({**base, "gamma": sympy.Integer(0)})
