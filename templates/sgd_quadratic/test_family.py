"""VIR 2022 Q4 (f = 3 w^2 - 1) and VIR 2019 Q9 (x = [sqrt 3, 1]), solved by hand.

1-D: w^k = (1 - 6 alpha) w^{k-1}. |1 - 6 alpha| < 1 on (0, 1/3); sign flips for alpha > 1/6;
|rho| > 1 for alpha > 1/3; rho = 0 at alpha = 1/6.
2-D: rho_1 = 1 - 3 alpha, rho_2 = 1 - alpha: both |rho_i| < 1 on (0, 2/3); 3 alpha - 1 = 1 - alpha
gives alpha* = 1/2 with rho = (-1/2, 1/2). The seeds print no solution for these questions.
"""

import sympy

from generator.registry import default_registry

OO = sympy.oo


def test_source_instance_matches_hand_solution() -> None:
    family = default_registry().get("sgd_quadratic")
    values = family.solve(family.source_instance())
    assert values["converge"] == sympy.Interval.open(0, sympy.Rational(1, 3))
    assert values["oscillate"] == sympy.Interval.open(sympy.Rational(1, 6), OO)
    assert values["diverge"] == sympy.Interval.open(sympy.Rational(1, 3), OO)
    assert values["alpha_star"] == sympy.Rational(1, 6)
    assert values["converge_2d"] == sympy.Interval.open(0, sympy.Rational(2, 3))
    assert values["alpha_star_2d"] == sympy.Rational(1, 2)
    assert values["rate_2d"] == sympy.Rational(1, 2)


def test_rate_follows_the_students_alpha_star() -> None:
    family = default_registry().get("sgd_quadratic")
    # A student who answered alpha* = 1/3 gets rho = (0, 2/3): the rate 2/3 earns follow-through.
    values = family.solve(family.source_instance(), given={"alpha_star_2d": sympy.Rational(1, 3)})
    assert values["rate_2d"] == sympy.Rational(2, 3)


def test_non_positive_curvature_is_rejected() -> None:
    family = default_registry().get("sgd_quadratic")
    problems = family.violations({**family.source_instance(), "a": sympy.Integer(-1)})
    assert any("a must be positive" in p for p in problems)


def test_the_sources_three_way_oscillation_reading_earns_half() -> None:
    # Read as a partition (converge / oscillate / diverge), "oscillates" would be the alternating
    # rates that do not diverge, (1/6, 1/3] for f = 3 w^2 - 1: the sign change is found, the
    # stated definition (diverging oscillations count) is not followed.
    family = default_registry().get("sgd_quadratic")
    values = family.solve(family.source_instance())
    third, sixth = sympy.Rational(1, 3), sympy.Rational(1, 6)
    assert values["oscillate_not_diverging"] == sympy.Interval.Lopen(sixth, third)
    assert values["oscillate_converging"] == sympy.Interval.open(sixth, third)
    part = family.part("b")
    assert {(a.quantity, a.points) for a in part.alternatives} == {
        ("oscillate_not_diverging", 0.5),
        ("oscillate_converging", 0.5),
    }
