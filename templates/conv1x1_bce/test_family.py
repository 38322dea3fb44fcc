"""TUM Problem 5: x = ([[1, -0.5], [2, -2]], [[-2, 1], [-1.5, 1]], [[1, 0], [0, 0]]), w = 1."""

import sympy

from generator.registry import default_registry


def _source() -> dict:
    family = default_registry().get("conv1x1_bce")
    return family.solve(family.source_instance())


def test_forward_pass_matches_hand_computation() -> None:
    values = _source()
    half = sympy.Rational(1, 2)
    # z = x1 + x2 + x3 = [[1 - 2 + 1, -0.5 + 1 + 0], [2 - 1.5 + 0, -2 + 1 + 0]]
    assert values["conv_out"] == [[0, half], [half, -1]]
    # each padded window is {z_ij, 0, 0, 0}: max(0, z)
    assert values["pooled"] == [[0, half], [half, 0]]


def test_loss_is_two_ln_two() -> None:
    # -ln(1 - 0) - ln(1/2) - ln(1/2) - ln(1 - 0) = 2 ln 2; the seed prints 2 log 2 as well
    assert sympy.simplify(_source()["loss"] - 2 * sympy.log(2)) == 0


def test_gradient_step_matches_hand_computation() -> None:
    values = _source()
    # L = -ln(-w1/2 + w2) - ln(2 w1 - 3 w2/2) near w = (1, 1, 1):
    # dL/dw1 = (1/2)/(1/2) - 2/(1/2) = -3, dL/dw2 = -1/(1/2) + (3/2)/(1/2) = 1, dL/dw3 = 0.
    # The seed writes "-2/(2w1-1.5w2) - 0.5/(-0.5w1+w2)" (sign slip in the second term) but
    # evaluates it as -4 + 1 = -3, which is right. z_00 = 0 ties with the padding: the question
    # states that the padding wins, so that pixel adds nothing (else dL/dw would be (-2, -1, 1)).
    assert values["grad_w"] == [-3, 1, 0]
    assert values["w_new"] == [4, 0, 1]
    assert values["has_tie"] is True


def test_target_one_on_a_padding_maximum_is_rejected() -> None:
    family = default_registry().get("conv1x1_bce")
    params = {**family.source_instance(), "y": [[1, 1], [1, 0]]}
    assert any("loss is infinite" in p for p in family.violations(params))
