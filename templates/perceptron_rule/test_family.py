"""BITS mid-semester Q1 and the XNOR example of Q3 (a), worked by hand.

Q1 (theta 0.5, eta 0.6, b -2, w (0.3, 0.7)): example 1 (1, 1, t +1): z = 0.3 + 0.7 - 2 = -1 < 0.5,
h = -1, Delta = 0.6 * 2 = 1.2: b = -2 + 1.2 = -0.8, w = (1.5, 1.9). The seed prints b = 0.8 here
(-2 + 1.2 is -0.8) and carries the slip on: z = 2.3, 2.7, -0.4 and a final b = 0.8.
Example 2 (1, 0, +1): z = 1.5 - 0.8 = 0.7 >= 0.5, h = +1, no change.
Example 3 (0, 1, -1): z = 1.9 - 0.8 = 1.1, h = +1, Delta = -1.2: b = -2.0, w = (1.5, 0.7).
Example 4 (0, 0, +1): z = -2.0, h = -1, Delta = +1.2: b = -0.8, w = (1.5, 0.7).
"""

import sympy

from generator.family import Family
from generator.registry import default_registry

R = sympy.Rational


def _family() -> Family:
    return default_registry().get("perceptron_rule")


def test_source_instance_matches_hand_solution() -> None:
    family = _family()
    values = family.solve(family.source_instance())
    assert values["net_inputs"] == [-1, R(7, 10), R(11, 10), -2]
    assert values["outputs"] == [-1, 1, 1, -1]
    assert values["weights_after"] == [
        [R(-4, 5), R(3, 2), R(19, 10)],
        [R(-4, 5), R(3, 2), R(19, 10)],
        [-2, R(3, 2), R(7, 10)],
        [R(-4, 5), R(3, 2), R(7, 10)],
    ]


def test_xnor_with_small_learning_rate() -> None:
    # BITS Q3 (a): XNOR, eta 0.02, theta 0.2; the question leaves the start open: take b = 0,
    # w = (0.1, 0.1). (1,1,+1): z = 0.2 >= 0.2 -> +1, no change. (1,0,-1): z = 0.1 -> -1, right.
    # (0,1,-1): z = 0.1 -> -1, right. (0,0,+1): z = 0 -> -1, Delta = 0.04: b = 0.04.
    family = _family()
    params = family.coerce(
        {"theta": "0.2", "lr": "0.02", "b0": 0, "w0": "[0.1, 0.1]",
         "X": "[[1, 1], [1, 0], [0, 1], [0, 0]]", "t": "[1, -1, -1, 1]"}
    )  # fmt: skip
    values = family.solve(params)
    assert values["outputs"] == [1, -1, -1, -1]
    assert values["weights_after"][-1] == [R(1, 25), R(1, 10), R(1, 10)]
    # z_1 = 0.2 equals the threshold: the family refuses such a variant for exams.
    assert any("hit the threshold" in p for p in family.violations(params))


def test_weights_follow_the_students_outputs() -> None:
    family = _family()
    # A student who answered h = [-1, -1, 1, -1] also updates on example 2: Delta = 1.2 there.
    values = family.solve(family.source_instance(), given={"outputs": [-1, -1, 1, -1]})
    assert values["weights_after"][1] == [R(2, 5), R(27, 10), R(19, 10)]
