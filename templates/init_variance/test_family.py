"""TUM Problem 9 a: a 50 x 50 image into 1024 tanh neurons.

n_in = 2500, so Xavier gives Var = 1/2500 and ReLU doubles it to 1/1250 (as the seed prints).
Glorot's fan average 2/(2500 + 1024) = 1/1762 is accepted; U(-a, a) with a = sqrt(6/3524).
"""

import sympy

from generator.registry import default_registry


def test_source_instance() -> None:
    family = default_registry().get("init_variance")
    values = family.solve(family.source_instance())
    assert values["xavier_var"] == sympy.Rational(1, 2500)
    assert values["glorot_var"] == sympy.Rational(1, 1762)
    assert values["he_var"] == sympy.Rational(1, 1250)
    assert values["glorot_bound"] == sympy.sqrt(sympy.Rational(3, 1762))
    assert values["he_std"] == 1 / (25 * sympy.sqrt(2))


def test_conv_fans_count_the_kernel() -> None:
    family = default_registry().get("init_variance")
    params = family.coerce({"layer": "conv", "height": 8, "channels": 16, "units": 32, "kernel": 3})
    values = family.solve(params)
    assert (values["fan_in"], values["fan_out"]) == (144, 288)
