"""VIR 2019 Q10 (loss on both steps) and VIR 2022 Q2 (loss on z2 only), with the model
z_t = theta1 x_t + theta2 z_(t-1) stated in the question (the seeds' figure is missing).

The seeds print no solutions; the values below are computed by hand.
"""

from generator.registry import default_registry

FAMILY = default_registry().get("rnn_linear_bptt")


def test_vir2019_both_losses() -> None:
    values = FAMILY.solve(FAMILY.source_instance())
    # z1 = 1*0 + 0*0 = 0, z2 = 1*1 + 0*0 = 1; L = (0 - 1)^2 + (1 - 3)^2 = 5.
    assert values["z"] == [0, 1]
    assert values["loss_value"] == 5
    # dz1/dtheta1 = x1 = 0, dz2/dtheta1 = x2 + 0 = 1: dL/dtheta1 = 2(0-1)*0 + 2(1-3)*1 = -4.
    assert values["grad_theta1"] == -4
    # dz1/dtheta2 = z0 = 0, dz2/dtheta2 = z1 + 0 = 0: dL/dtheta2 = 0.
    assert values["grad_theta2"] == 0


def test_vir2022_last_state_only() -> None:
    params = FAMILY.coerce(
        {"theta1": 1, "theta2": 2, "z0": 1, "x": "[1, -1]", "y": "[0, 0]", "loss": "last"}
    )
    values = FAMILY.solve(params)
    # z1 = 1 + 2*1 = 3, z2 = -1 + 2*3 = 5; L = 25.
    assert values["z"] == [3, 5]
    assert values["loss_value"] == 25
    # dz2/dtheta2 = z1 + theta2 * z0 = 3 + 2 = 5: dL/dtheta2 = 2 * 5 * 5 = 50.
    assert values["grad_theta2"] == 50
    # dz2/dtheta1 = x2 + theta2 x1 = -1 + 2 = 1: dL/dtheta1 = 2 * 5 * 1 = 10.
    assert values["grad_theta1"] == 10


def test_all_zero_gradients_are_rejected() -> None:
    params = FAMILY.coerce(
        {"theta1": 1, "theta2": 0, "z0": 0, "x": "[1, 3]", "y": "[1, 3]", "loss": "all"}
    )
    assert FAMILY.violations(params) == ["both gradients are zero"]


def test_trivial_states_losses_and_copied_answers_are_rejected() -> None:
    # theta1 = 0, z0 = 0: z = (0, 0) although dL/dtheta1 = 2(-1)(1) + 2(-2)(1 + 1) = -10
    zero_states = {"theta1": 0, "theta2": 1, "z0": 0, "x": "[1, 1]", "y": "[1, 2]", "loss": "all"}
    assert FAMILY.violations(FAMILY.coerce(zero_states)) == [
        "both hidden states are zero: the forward pass is trivial"
    ]
    # z = (1, 2), y2 = 3: L = 1, dL/dtheta1 = 2(-1)(1 + 1) = -4, dL/dtheta2 = 2(-1)(z1) = -2
    unit_loss = {"theta1": 1, "theta2": 1, "z0": 0, "x": "[1, 1]", "y": "[0, 3]", "loss": "last"}
    assert FAMILY.violations(FAMILY.coerce(unit_loss)) == [
        "the loss is 1: a value guessed without working"
    ]
    # theta2 = 0, z = (1, 1), y = (0, 0): L = 2, dL/dtheta1 = 2 x1 + 2 x2 = 4 = 2 z0 + 2 z1
    copied = {"theta1": 1, "theta2": 0, "z0": 1, "x": "[1, 1]", "y": "[0, 0]", "loss": "all"}
    values = FAMILY.solve(FAMILY.coerce(copied))
    assert (values["loss_value"], values["grad_theta1"], values["grad_theta2"]) == (2, 4, 4)
    assert FAMILY.violations(FAMILY.coerce(copied)) == [
        "the loss and the two gradients must differ: one answer would copy another"
    ]
