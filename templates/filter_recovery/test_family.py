"""BITS end-semester 1(e): I's corner, F = [[x, y, z], [1, 0, 2], [-1, 1, 0]], O = (4, 0, -3)."""

import sympy

from generator.registry import default_registry


def test_source_unknowns_solve_the_hand_equations() -> None:
    family = default_registry().get("filter_recovery")
    values = family.solve(family.source_instance())
    # Window 1: 3x + 3z + (-3 + 0 + 0) + (5 + 0 + 0) = 4  ->  3x + 3z = 2
    # Window 2: 3y - 3z + (2 + 0 + 6) + (0 + 3 + 0) = 0   ->  3y - 3z = -11
    # Window 3: 3x - 3y + (0 + 0 - 4) + (-3 - 2 + 0) = -3 ->  3x - 3y = 6
    # The seed prints "3x + 3y = 12" for window 1 and so x = 3, y = 1, z = 14/3, which gives
    # O_11 = 3*3 + 3*14/3 + 2 = 25, not 4. The correct solution is x = -1/2, y = -5/2, z = 7/6.
    assert values["x"] == sympy.Rational(-1, 2)
    assert values["y"] == sympy.Rational(-5, 2)
    assert values["z"] == sympy.Rational(7, 6)


def test_dependent_equations_are_rejected() -> None:
    family = default_registry().get("filter_recovery")
    flat = {**family.source_instance(), "image": [[1] * 5, [0] * 5, [0] * 5]}
    assert family.violations(flat) == [
        "the three equations are linearly dependent: x, y, z are not determined"
    ]
