"""VIR 2019 Q8 and VIR 2022 training Q6 (same numbers), hand-computed; the seeds print no solution.

x = [2, 1, 2], w = [1, 0]: z = [2*1 + 1*0, 1*1 + 2*0] = [2, 1], f = 2 (z_0 wins), so
df/dw = [x_0, x_1] = [2, 1] and SGD with alpha = 1/2 gives [1 - 1, 0 - 1/2] = [0, -1/2].
"""

import sympy

from generator.registry import default_registry

FAMILY = default_registry().get("conv1d_backward")


def test_source_forward_gradient_and_step() -> None:
    values = FAMILY.solve(FAMILY.source_instance())
    assert values["z"] == [2, 1]
    assert values["f"] == 2
    assert values["dfdz"] == [1, 0]
    assert values["grad_w"] == [2, 1]
    assert values["w_new"] == [0, sympy.Rational(-1, 2)]


def test_sgd_step_follows_a_students_gradient() -> None:
    params = FAMILY.source_instance()
    values = FAMILY.solve(params, given={"grad_w": [sympy.Integer(1), sympy.Integer(2)]})
    assert values["w_new"] == [sympy.Rational(1, 2), -1]


def test_tied_max_pool_is_rejected() -> None:
    params = FAMILY.coerce({**FAMILY.source_params, "x": "[1, 1, 1]"})
    assert any("tie" in p for p in FAMILY.violations(params))
