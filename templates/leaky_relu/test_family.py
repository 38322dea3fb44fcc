"""VIR 2019 Q3 with alpha = 0.1 at the inputs 2, -3, -1/2 (worked by hand).

lrelu: 2 -> 2, -3 -> -0.3, -1/2 -> -0.05; gradient: 1, 0.1, 0.1. The seed has no printed solution.
"""

import sympy

from generator.registry import default_registry

FAMILY = default_registry().get("leaky_relu")
R = sympy.Rational


def test_source_values() -> None:
    values = FAMILY.solve(FAMILY.source_instance())
    assert values["outputs"] == [2, R(-3, 10), R(-1, 20)]
    assert values["gradients"] == [1, R(1, 10), R(1, 10)]
    assert values["pseudocode_forward"] == "if x > 0: return x   else: return 0.1 * x"


def test_zero_input_and_one_sided_inputs_are_rejected() -> None:
    source = FAMILY.source_instance()
    zero = FAMILY.violations({**source, "inputs": [R(1), R(0), R(-1)]})
    assert any("is 0" in p for p in zero)
    positive = FAMILY.violations({**source, "inputs": [R(1), R(2), R(3)]})
    assert any("same sign" in p for p in positive)
