"""BITS Q6: P = [0, 0, .2, .3, .1, .4], Q = [.3, .1, .2, .1, .3, 0], log base 10.

By hand, M = [.15, .05, .2, .2, .2, .2]. KL(P||M) = .3 log(1.5) - .1 log 2 + .4 log 2
= .3 log 3; KL(Q||M) = .3 log 2 + .1 log 2 - .1 log 2 + .3 log 1.5 = .3 log 3, so
JS = .3 log10(3) = 0.143136, as the seed prints. KL is +oo in both directions (P(6) > 0 = Q(6),
Q(1) > 0 = P(1)); the seed says it "does not exist", the key is oo.
"""

import math

import sympy

from generator.registry import default_registry


def test_source_js_is_three_tenths_log3() -> None:
    family = default_registry().get("divergences")
    values = family.solve(family.source_instance())
    assert values["kl_pq"] == sympy.oo
    assert values["kl_qp"] == sympy.oo
    assert math.isclose(float(values["js"]), 0.3 * math.log10(3), rel_tol=1e-12)
    # The rubric accepts any base: natural log and log2 alternatives.
    assert math.isclose(float(values["js_other"]), 0.3 * math.log2(3), rel_tol=1e-12)
    assert math.isclose(float(values["js_third"]), 0.3 * math.log(3), rel_tol=1e-12)


def test_finite_kl_when_supports_match() -> None:
    family = default_registry().get("divergences")
    params = family.coerce(
        {"P": "[0.5, 0.5, 0, 0, 0, 0]", "Q": "[0.2, 0.8, 0, 0, 0, 0]", "base": "2"}
    )
    values = family.solve(params)
    # .5 log2(.5/.2) + .5 log2(.5/.8) = .5 log2(2.5 * .625) = .5 log2(25/16) = log2(5/4)
    assert math.isclose(float(values["kl_pq"]), math.log2(1.25), rel_tol=1e-12)
