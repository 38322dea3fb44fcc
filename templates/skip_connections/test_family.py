"""TUM I2DL skip-connection questions, pinned to values worked out by hand.

Problem 6: y = max(wx, 0) has dy/dx = w for y > 0; y = max(wx + x, 0) has dy/dx = w + 1; at
w = 0.001 these are 0.001 and 1.001 (as the seed prints).
Problem e: with active ReLUs y = (1 + w1 w0) x and z = (1 + w3 w2) y, so
dz/dw0 = (w3 w2 + 1) w1 x, and without skips z = w3 w2 w1 w0 x gives dz/dw0 = w3 w2 w1 x
(as the seed prints).
"""

import sympy

from generator.registry import default_registry

FAMILY = default_registry().get("skip_connections")
w, x, w0, w1, w2, w3 = sympy.symbols("w x w0 w1 w2 w3")


def test_source_question() -> None:
    values = FAMILY.solve(FAMILY.source_instance())
    assert values["dy_dx_plain"] == w
    assert values["dy_dx_skip"] == w + 1
    assert values["at_small_weight"] == [sympy.Rational(1, 1000), sympy.Rational(1001, 1000)]
    assert sympy.expand(values["dz_dw_skip"] - (w3 * w2 + 1) * w1 * x) == 0
    assert values["dz_dw_plain"] == w3 * w2 * w1 * x


def test_other_weights() -> None:
    # dz/dw2 = w3 y with y = (1 + w1 w0) x; dz/dw3 = w2 (1 + w1 w0) x.
    w2_values = FAMILY.solve({**FAMILY.source_instance(), "wrt": "w2"})
    assert sympy.expand(w2_values["dz_dw_skip"] - w3 * (1 + w1 * w0) * x) == 0
    assert w2_values["dz_dw_plain"] == w3 * w1 * w0 * x


def test_small_weight_values_follow_the_students_expressions() -> None:
    # A student who answered dy/dx = 2w and w - 1 gets the values of those at w = 0.001.
    given = {"dy_dx_plain": 2 * w, "dy_dx_skip": w - 1}
    values = FAMILY.solve(FAMILY.source_instance(), given=given)
    assert values["at_small_weight"] == [sympy.Rational(1, 500), sympy.Rational(-999, 1000)]
    assert FAMILY.dependencies(FAMILY.part("d")) == ["b", "c"]


def test_a_deeper_unit_multiplies_the_gradient_and_the_skip_adds_one() -> None:
    # Two layers sharing w: y = max(w max(w x, 0) + x, 0) with the skip, w^2 x + x when active.
    params = FAMILY.coerce({**FAMILY.source_params, "layers": 2, "omega": "0.05"})
    values = FAMILY.solve(params)
    assert values["dy_dx_plain"] == w**2
    assert values["dy_dx_skip"] == w**2 + 1
    assert values["at_small_weight"] == [sympy.Rational(1, 400), sympy.Rational(401, 400)]
    assert values["skip_unit"] == r"\max(w \max(w x, 0) + x, 0)"
