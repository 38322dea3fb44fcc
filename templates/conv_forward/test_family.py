"""VIR 2022 midterm training Q5, hand-computed (the seed prints no solution).

x = [[1, 0, 2], [2, 1, -1], [0, 0, 2]], w = [[1, -1], [0, 2]] (cross-correlation, not flipped).
The seed does not give the pooling stride; the question states stride 1 (with stride 2 a 2x2 window
fits a 3x3 input only once).
"""

import sympy

from generator.registry import default_registry

FAMILY = default_registry().get("conv_forward")
R = sympy.Rational


def test_source_outputs() -> None:
    values = FAMILY.solve(FAMILY.source_instance())
    # rate 2: taps at x[0][0], x[0][2], x[2][0], x[2][2] -> 1*1 + (-1)*2 + 0*0 + 2*2 = 3.
    assert values["conv_a"] == [[3]]
    # pad 1, stride 3: each window meets x in one corner pixel only.
    # (0,0): w[1][1]*x[0][0] = 2;  (0,3): w[1][0]*x[0][2] = 0;
    # (3,0): w[0][1]*x[2][0] = 0;  (3,3): w[0][0]*x[2][2] = 2.
    assert values["conv_b"] == [[2, 0], [0, 2]]
    assert values["max_pool"] == [[2, 2], [2, 2]]
    # window sums 4, 2, 3, 2 over 4 pixels.
    assert values["avg_pool"] == [[1, R(1, 2)], [R(3, 4), R(1, 2)]]


def test_fractional_output_is_rejected() -> None:
    params = FAMILY.coerce({**FAMILY.source_params, "b_stride": 2})
    assert any("tile" in p for p in FAMILY.violations(params))
