"""BITS RNN h(t+1) = W h(t) + x(t+1) with u = 1, w = -1, v = 10, h(-1) = 0, x = 1 at even t.

By hand: h0 = 0 + 1 = 1, h1 = -1 + 0 = -1, h2 = 1 + 1 = 2, h3 = -2 + 0 = -2, h4 = 2 + 1 = 3,
h5 = -3 + 0 = -3. The seed's first printed working takes x2 = 0 and gets h2 = 1, h3 = -1 (a
slip: the question says the input is 1 at every even t); its second working has h2 = 2 and
h3 = -2 (written "-2 + 0 = 2 = -2"). The outputs sigma(10 h_t) alternate near 1 and near 0 either
way.
"""

import math

import sympy

from generator.registry import default_registry

FAMILY = default_registry().get("rnn_sequence")


def test_source_instance() -> None:
    values = FAMILY.solve(FAMILY.source_instance())
    assert values["h"] == [1, -1, 2, -2, 3, -3]
    expected = [1 / (1 + sympy.exp(-z)) for z in (10, -10, 20, -20, 30, -30)]
    assert all(sympy.simplify(a - b) == 0 for a, b in zip(values["y"], expected, strict=True))
    # sigma(10) = 0.99995, sigma(-10) = 4.5e-5: near 1 at even t, near 0 at odd t.
    assert math.isclose(float(values["y"][0]), 0.9999546, rel_tol=1e-6)
    assert math.isclose(float(values["y"][1]), 4.5398e-5, rel_tol=1e-4)


def test_outputs_follow_the_students_states() -> None:
    params = FAMILY.source_instance()
    values = FAMILY.solve(params, given={"h": [1, -1, 1, -1, 1, -1]})
    assert values["z_out"] == [10, -10, 10, -10, 10, -10]


def test_no_memory_is_rejected() -> None:
    params = FAMILY.coerce({"u": 1, "w": 0, "v": 10, "h_init": 0, "x": "[1, 1, 1, 1, 1, 0]"})
    assert FAMILY.violations(params) == ["recurrent weight w = 0: the network has no memory"]
