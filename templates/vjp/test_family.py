"""VIR 2022 midterm Q4 with N = 3, w = [2, -1, 3], even positions x_2, x_4, x_6 (by hand).

J = [[0,1,0,0,0,0],[0,0,0,1,0,0],[0,0,0,0,0,1]] (3 x 6); dL/dx = J^T w = [0, 2, 0, -1, 0, 3].
The seed writes the loss as sum_i w_i x_i; with w in R^N it must be sum_i w_i y_i.
"""

from generator.formatting import Shape
from generator.registry import default_registry

FAMILY = default_registry().get("vjp")


def test_even_selection() -> None:
    values = FAMILY.solve(FAMILY.source_instance())
    assert values["jacobian"] == [
        [0, 1, 0, 0, 0, 0],
        [0, 0, 0, 1, 0, 0],
        [0, 0, 0, 0, 0, 1],
    ]
    assert values["jacobian_shape"] == Shape((3, 6))
    assert values["grad_x"] == [0, 2, 0, -1, 0, 3]


def test_odd_selection_and_follow_through() -> None:
    odd = FAMILY.solve({**FAMILY.source_instance(), "select": "odd"})
    assert odd["grad_x"] == [2, 0, -1, 0, 3, 0]
    # A student who transposed nothing but picked x_1, x_3, x_5 in a gets that gradient in c.
    given = {"jacobian": odd["jacobian"]}
    assert FAMILY.solve(FAMILY.source_instance(), given=given)["grad_x"] == [2, 0, -1, 0, 3, 0]
