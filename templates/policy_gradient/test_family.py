"""VIR 2019 Q7 (REINFORCE, x0 = 3, theta = 2) and VIR 2022 Q3 (A2C, theta = -1, c = 1).

The seeds print no solutions; the values below are computed by hand.
"""

import math

import numpy as np
import sympy

from generator.registry import default_registry
from templates.policy_gradient.params import giveaways

FAMILY = default_registry().get("policy_gradient")


def test_vir2019_reinforce() -> None:
    values = FAMILY.solve(FAMILY.source_instance())
    # z = 2 * 3 = 6; d log sigma(theta x)/d theta = x (1 - sigma(6)) = 3/(1 + e^6) ~ 0.0074178.
    assert values["score"] == 3 / (1 + sympy.exp(6))
    # r(tau) = (3 - 1)^2 + (1 - 1)^2 = 4, gradient 12/(1 + e^6) ~ 0.0296715.
    assert values["reward_taken"] == 4
    assert math.isclose(float(values["reinforce_grad"]), 0.0296715, rel_tol=1e-5)
    # alpha = 1, gradient ascent: theta = 2.0296715.
    assert math.isclose(float(values["theta_new"]), 2.0296715, rel_tol=1e-7)
    # r(tau_2) = 4 + (2 - 1)^2 = 5; A(1) = sigma(-6)(4 - 5) ~ -0.0024726.
    assert math.isclose(float(values["adv1"]), -1 / (1 + math.exp(6)), rel_tol=1e-12)


def test_vir2022_a2c() -> None:
    params = FAMILY.coerce(
        {"reward": "given", "x0": 1, "x1": 0, "x2": 0, "r1": 6, "r2": -2, "theta": -1}
        | {"offset": 1, "action": 1, "lr": 1}
    )
    assert FAMILY.violations(params) == []
    values = FAMILY.solve(params)
    # z = -1 + 1 = 0, so pi(1|x) = 1/2 and V = (6 - 2)/2 = 2: A(1) = 4, A(2) = -4.
    assert values["pi1"] == sympy.Rational(1, 2)
    assert values["adv1"] == 4
    assert values["adv2"] == -4
    # d log pi(1|x)/d theta = x (1 - 1/2) = 1/2; A2C gradient 1/2 * 4 = 2.
    assert values["a2c_grad"] == 2


def test_degenerate_variants_are_rejected() -> None:
    base = FAMILY.source_instance()
    assert FAMILY.violations({**base, "x0": sympy.Integer(0)})
    assert FAMILY.violations({**base, "x2": sympy.Integer(1)})  # same state, same reward


def test_sampled_variants_avoid_answers_that_give_themselves_away() -> None:
    # VIR 2022: theta_new = -1 + 1 * 3 = 2 = the A2C gradient; the source keeps it, variants not.
    vir2022 = FAMILY.coerce(
        {"reward": "given", "x0": 1, "x1": 0, "x2": 0, "r1": 6, "r2": -2, "theta": -1}
        | {"offset": 1, "action": 1, "lr": 1}
    )
    assert giveaways(vir2022) == [
        "(e) the A2C gradient equals (b) the updated theta: one answer would copy the other"
    ]
    # z = 0, x0 = 1, r(tau_1) = 2: REINFORCE gradient 1/2 * 2 = 1 exactly.
    unit = vir2022 | {"r1": sympy.Integer(2)}
    assert "(a) the REINFORCE gradient is exactly 1: an answer guessed without working" in (
        giveaways(unit)
    )
    rng = np.random.default_rng(0)
    assert all(not giveaways(FAMILY.draw(rng)) for _ in range(50))
