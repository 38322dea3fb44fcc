"""BITS DNN mid-semester EC2 (makeup) 2023-24 Q6, E = 3p^3 + 3q^2 + 4r + 5, solved by hand.

dE/dq = 6q: q^k = (1 - 6 eta) q^{k-1} converges on (0, 1/3), in one step at eta = 1/6.
dE/dp = 9p^2 (the seed prints 9p and derives eta_p = 1/9, eta_opt = 1/9 and the largest
convergent rate 2/9 from it): 9p^2 >= 0, so from p^0 < 0 the iterates run to -infinity for every
eta; no fixed rate converges (C). dE/dr = 4 is constant: r never settles (B); the seed's
eta_r = 1/4 has no meaning.
"""

import sympy

from generator.registry import default_registry


def test_source_instance_matches_hand_solution() -> None:
    family = default_registry().get("lr_per_coordinate")
    values = family.solve(family.source_instance())
    p, q = sympy.symbols("p q")
    assert values["gradient"] == [9 * p**2, 6 * q, 4]
    assert (values["verdict_p"], values["verdict_q"], values["verdict_r"]) == ("C", "A", "B")
    assert values["converge_q"] == sympy.Interval.open(0, sympy.Rational(1, 3))
    assert values["eta_opt_q"] == sympy.Rational(1, 6)


def test_quadratic_p_converges() -> None:
    family = default_registry().get("lr_per_coordinate")
    params = {**family.source_instance(), "p_power": sympy.Integer(2), "a": sympy.Integer(2)}
    values = family.solve(params)
    # 2p^2: p^k = (1 - 4 eta) p^{k-1} converges on (0, 1/2).
    assert values["verdict_p"] == "A"
    assert values["converge_p"] == sympy.Interval.open(0, sympy.Rational(1, 2))


def test_zero_linear_coefficient_is_rejected() -> None:
    family = default_registry().get("lr_per_coordinate")
    problems = family.violations({**family.source_instance(), "c": sympy.Integer(0)})
    assert any("c must be non-zero" in p for p in problems)
