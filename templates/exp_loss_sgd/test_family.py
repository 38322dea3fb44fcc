"""BITS DNN mid-semester EC2 regular 2022-23 Q2: exponential loss L(z) = exp(-z), z = y w.x.

The seed question is symbolic; its rubric derives Delta w = eta exp(-z) y x, which this family
applies to a worked instance: w = (1, -1, 2), x = (1, 2, 1), y = -1, eta = 1/2 (the seed prints
no numbers, so there is no printed value to correct). By hand:
z = -1 * (1 - 2 + 2) = -1, L = e, dL/dw = -e^(1) * (-1) * x = (e, 2e, e),
w + Delta w = w - (1/2)(e, 2e, e) = (1 - e/2, -1 - e, 2 - e/2).
"""

import sympy

from generator.registry import default_registry

FAMILY = default_registry().get("exp_loss_sgd")
E = sympy.E


def test_source_instance() -> None:
    values = FAMILY.solve(FAMILY.source_instance())
    assert values["z"] == -1
    assert values["loss_value"] == E
    assert values["grad_w"] == [E, 2 * E, E]
    assert values["w_new"] == [1 - E / 2, -1 - E, 2 - E / 2]


def test_update_follows_the_students_gradient() -> None:
    values = FAMILY.solve(FAMILY.source_instance(), given={"grad_w": [2, 4, 2]})
    # w - (1/2)(2, 4, 2) = (1 - 1, -1 - 2, 2 - 1).
    assert values["w_new"] == [0, -3, 1]


def test_zero_input_is_rejected() -> None:
    params = FAMILY.coerce({"w": "[1, 1, 1]", "x": "[0, 0, 0]", "y": 1, "eta": "1/2"})
    assert FAMILY.violations(params) == ["x = 0 gives a zero gradient"]


def test_example_on_the_decision_boundary_is_rejected() -> None:
    # w.x = 0.5 - 1.5 + 1 = 0: L = exp(0) = 1 whatever the student does
    params = FAMILY.coerce({"w": "[0.5, 1.5, 1]", "x": "[1, -1, 1]", "y": 1, "eta": "1/2"})
    assert FAMILY.violations(params) == [
        "z = 0 puts the example on the decision boundary: the loss is exactly 1"
    ]
