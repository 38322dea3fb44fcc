"""TUM Problem 6 d (V = -2, W = 1, h0 = 2, x = (2, 3/2, 4), ReLU'(0) = 0) and the sample
exam's Problem 6 c-d (V = 1, W = 2, h0 = -3, x = (1, 2, 0), ReLU'(0) = 1)."""

import sympy

from generator.registry import default_registry

FAMILY = default_registry().get("rnn_relu")


def test_tum_problem6d_source() -> None:
    values = FAMILY.solve(FAMILY.source_instance())
    # z1 = -4 + 2 = -2 -> h1 = 0; z2 = 0 + 3/2 -> h2 = 3/2; z3 = -3 + 4 = 1 -> h3 = 1.
    # The seed prints h2 = 2/3 (a slip: ReLU(3/2) = 3/2).
    assert [values["h1"], values["h2"], values["h3"]] == [0, sympy.Rational(3, 2), 1]
    # dh3/dV = h2 + V * ReLU'(z2) * (h1 + V * ReLU'(z1) h0) = 3/2 + (-2)(0 + 0) = 3/2.
    # The seed prints 2/3 (its wrong h2); its own note accepts 3/2 for the corrected forward pass.
    assert values["dh3_dV"] == sympy.Rational(3, 2)
    # dh3/dW = x3 + V (x2 + V * 0 * x1) = 4 - 3 = 1 (printed 1, correct).
    assert values["dh3_dW"] == 1
    # ReLU'(z1) = 0: the path to x1 is dead (printed 0, correct).
    assert values["dh3_dx1"] == 0


def test_sample_exam_problem6() -> None:
    params = FAMILY.coerce({"V": 1, "W": 2, "h0": -3, "x": "[1, 2, 0]", "relu0": 1})
    assert FAMILY.violations(params) == []
    values = FAMILY.solve(params)
    # h1 = ReLU(-3 + 2) = 0, h2 = ReLU(0 + 4) = 4, h3 = ReLU(4 + 0) = 4 (printed, correct).
    assert [values["h1"], values["h2"], values["h3"]] == [0, 4, 4]
    # dh3/dV = 4 + 1*1*0 + 0 = 4, dh3/dW = 0 + 2 + 0 = 2, dh3/dx1 = 0 (printed, correct).
    assert (values["dh3_dV"], values["dh3_dW"], values["dh3_dx1"]) == (4, 2, 0)


def test_kinks_and_dead_outputs_are_rejected() -> None:
    # TUM Problem 6 c numbers (V = -3, W = 3, h0 = 0, x = (2, 3, 1)): h = (6, 0, 3), printed
    # correctly; z2 = -9 and no kink, so it is a valid variant.
    tum_c = FAMILY.coerce({"V": -3, "W": 3, "h0": 0, "x": "[2, 3, 1]", "relu0": 0})
    assert FAMILY.violations(tum_c) == []
    assert [FAMILY.solve(tum_c)[k] for k in ("h1", "h2", "h3")] == [6, 0, 3]
    kink = FAMILY.coerce({"V": 1, "W": 1, "h0": 1, "x": "[-1, 1, 1]", "relu0": 0})
    assert any("kink" in p for p in FAMILY.violations(kink))
