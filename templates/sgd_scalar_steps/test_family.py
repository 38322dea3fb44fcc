"""BITS DNN EC2 makeup 2023-24 Q4, t = (2p + 3)^2, p0 = 6, eta = 0.1, 3 iterations, by hand.

dt/dp = 4(2p + 3) = 8p + 12. p1 = 6 - 0.1 (48 + 12) = 0; p2 = 0 - 0.1 (12) = -1.2;
p3 = -1.2 - 0.1 (-9.6 + 12) = -1.44. The seed prints the same values.
"""

import sympy

from generator.registry import default_registry

R = sympy.Rational
P = sympy.Symbol("p")


def test_source_instance_matches_hand_solution() -> None:
    family = default_registry().get("sgd_scalar_steps")
    values = family.solve(family.source_instance())
    assert sympy.expand(values["derivative"] - (8 * P + 12)) == 0
    assert values["iterates"] == [0, R(-6, 5), R(-36, 25)]


def test_iterates_follow_the_students_derivative() -> None:
    family = default_registry().get("sgd_scalar_steps")
    # A student who forgot the inner factor 2 (dt/dp = 2(2p + 3) = 4p + 6):
    # p1 = 6 - 0.1 * 30 = 3, p2 = 3 - 0.1 * 18 = 1.2, p3 = 1.2 - 0.1 * 10.8 = 0.12.
    values = family.solve(family.source_instance(), given={"derivative": 4 * P + 6})
    assert values["iterates"] == [3, R(6, 5), R(3, 25)]


def test_start_at_the_minimiser_is_rejected() -> None:
    family = default_registry().get("sgd_scalar_steps")
    params = {**family.source_instance(), "m": sympy.Integer(1), "n": sympy.Integer(-6)}
    assert any("minimiser" in p for p in family.violations(params))
