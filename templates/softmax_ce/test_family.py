"""The softmax questions of seed 004, pinned to values worked out by hand.

DSECLZG524 mid-sem 2021 makeup Q1 B/D: logits [10, 8, 12, 5] (the paper's classes 0-3 are 1-4).
    Σ e^{z − 12} = 1 + e^{−2} + e^{−4} + e^{−7} ≈ 1.1545634, so the predicted class (logit 12) has
    p = 1/1.1545634 ≈ 0.8661287; p(logit 8) − p(logit 5) = (e^{−4} − e^{−7})/1.1545634 ≈ 0.0150739.
    The paper leaves both values blank after "=". Uniform over 8 classes: −ln(1/8) = ln 8 ≈ 2.0794.
BITS sample Q1 (TF snippet): a = [2, 0, 1, 0] gives z = [0.9, 0.8, 0.6] and
    softmax ≈ [0.37798, 0.34201, 0.28001]; the paper's [0.38, 0.34, 0.28] is right.
AIMLCZG51 2023-24 makeup Q2 prints ∂L/∂Z_k = −y_k(1 − ŷ_k); the derivative is ŷ_k − y_k (the printed
    form drops the off-diagonal softmax Jacobian terms and gives 0 instead of ŷ_k for every class
    but the true one). The regular paper's BCE result A − Y is right.
"""

import math

import sympy

from generator.registry import default_registry
from templates.softmax_ce.params import SOURCE_DENSE

FAMILY = default_registry().get("softmax_ce")
Z1, Z2, Z3, Z, Y = sympy.symbols("z1 z2 z3 z y")


def _solve(source: dict) -> dict:
    params = FAMILY.coerce(source)
    assert FAMILY.violations(params) == []
    return FAMILY.solve(params)


def test_logits_question() -> None:
    values = _solve(FAMILY.source_params)
    total = 1 + math.exp(-2) + math.exp(-4) + math.exp(-7)
    assert values["predicted"] == 3
    assert math.isclose(float(values["p_max"]), 1 / total, rel_tol=1e-12)
    assert math.isclose(float(values["p_max"]), 0.8661287, rel_tol=1e-7)
    assert math.isclose(float(values["p_difference"]), 0.0150739, rel_tol=1e-5)
    assert math.isclose(float(values["ce_loss"]), math.log(total), rel_tol=1e-12)
    assert values["uniform_loss"] == sympy.log(8)
    grad = [float(g) for g in values["grad_z"]]
    assert math.isclose(grad[2], 1 / total - 1, rel_tol=1e-12)
    assert math.isclose(sum(grad), 0, abs_tol=1e-12)


def test_dense_layer_question() -> None:
    values = _solve(SOURCE_DENSE)
    assert values["z"] == [sympy.Rational(9, 10), sympy.Rational(4, 5), sympy.Rational(3, 5)]
    probs = [float(p) for p in values["probs"]]
    assert [round(p, 5) for p in probs] == [0.37798, 0.34201, 0.28001]
    assert math.isclose(float(values["grad_z"][0]), probs[0] - 1, rel_tol=1e-12)


def test_derivations_are_p_minus_y_not_the_printed_form() -> None:
    values = _solve(FAMILY.source_params)  # ∂L/∂z1 with true class 1
    softmax_1 = sympy.exp(Z1) / (sympy.exp(Z1) + sympy.exp(Z2) + sympy.exp(Z3))
    assert sympy.simplify(values["derivative_3class"] - (softmax_1 - 1)) == 0
    other = _solve({**FAMILY.source_params, "true3": 2})  # not the true class: p_1, not 0
    assert sympy.simplify(other["derivative_3class"] - softmax_1) == 0
    assert sympy.simplify(values["derivative_bce"] - (1 / (1 + sympy.exp(-Z)) - Y)) == 0


def test_ties_and_out_of_range_classes_are_rejected() -> None:
    source = FAMILY.source_instance()
    tie = {**source, "logits": [sympy.Integer(v) for v in (12, 8, 12, 5)]}
    assert any("ambiguous" in p for p in FAMILY.violations(tie))
    dense = FAMILY.coerce(SOURCE_DENSE)
    assert any("only 3 classes" in p for p in FAMILY.violations({**dense, "label": 4}))
    assert any("itself" in p for p in FAMILY.violations({**source, "second": 2}))
