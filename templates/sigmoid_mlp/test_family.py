"""BITS DNN mid-sem 2022-23 (makeup) Q2 (c), pinned to values computed independently (mpmath).

x = 0.75, w1 = 0.5, w2 = −0.6, b1 = 0.1, b2 = −0.2, w3 = 0.7, w4 = −0.8, b3 = 0.3, d = 1.25:
    z1 = 0.475, h1 = σ(0.475) ≈ 0.616567;  z2 = −0.65, h2 = σ(−0.65) ≈ 0.342990;
    ŷ = σ(0.7·h1 − 0.8·h2 + 0.3) = σ(0.457205) ≈ 0.612351;  E = ½(1.25 − ŷ)² ≈ 0.203298;
    ‖w‖² = 0.25 + 0.36 + 0.49 + 0.64 = 1.74, so L = E + 1.74 λ (λ = 0.01: ≈ 0.220698).
The seed prints h1 = 0.6168 (σ(0.475) is 0.61657), h2 = 0.3427 (0.34299), ŷ = 0.6125 and
mse = 0.2032 (0.20330): rounding slips; its 1.74 λ is right.
Gradient (not asked in the source; λ = 0.01 and η = 0.5 are this family's choice):
    δ = (ŷ − d) ŷ (1 − ŷ) ≈ −0.151405, ∂E/∂w ≈ [−0.0187867, 0.0204656, −0.0933256, −0.0519161],
    w − η(∂E/∂w + 2λw) ≈ [0.504393, −0.604233, 0.739663, −0.766042].
"""

import math

import sympy

from generator.registry import default_registry

FAMILY = default_registry().get("sigmoid_mlp")


def _close(values: list, expected: list, rel: float = 1e-6) -> bool:
    return all(
        math.isclose(float(v), e, rel_tol=rel) for v, e in zip(values, expected, strict=True)
    )


def test_source_forward_pass_and_losses() -> None:
    values = FAMILY.solve(FAMILY.source_instance())
    assert _close(values["h"], [0.616566505, 0.342989537])
    assert math.isclose(float(values["y_hat"]), 0.612350897, rel_tol=1e-8)
    assert math.isclose(float(values["error"]), 0.203298189, rel_tol=1e-8)
    assert values["penalty"] == sympy.Rational(174, 100)
    assert math.isclose(float(values["loss_reg"]), 0.203298189 + 0.0174, rel_tol=1e-8)
    # biases penalized too: + 0.01 (0.1² + 0.2² + 0.3²) = + 0.0014 (partial credit)
    assert math.isclose(float(values["loss_reg_with_biases"]), 0.222098189, rel_tol=1e-8)


def test_source_gradient_and_weight_decay_step() -> None:
    values = FAMILY.solve(FAMILY.source_instance())
    assert _close(values["grad_error"], [-0.0187866859, 0.0204656387, -0.0933256068, -0.0519160649])
    assert values["decay_factor"] == sympy.Rational(99, 100)
    assert _close(values["w_new"], [0.504393343, -0.604232819, 0.739662803, -0.766041968])


def test_later_parts_follow_a_students_output() -> None:
    # A student who got ŷ = 1/2: E = ½(5/4 − 1/2)² = 9/32, δ = (−3/4)(1/4) = −3/16.
    values = FAMILY.solve(FAMILY.source_instance(), given={"y_hat": sympy.Rational(1, 2)})
    assert values["error"] == sympy.Rational(9, 32)
    assert values["delta_out"] == sympy.Rational(-3, 16)
    assert [FAMILY.dependencies(FAMILY.part(p)) for p in "bcdfg"] == [
        ["a"],
        ["b"],
        ["c"],
        ["a", "b"],
        ["f"],
    ]


def test_degenerate_variants_are_rejected() -> None:
    source = FAMILY.source_instance()
    assert any("x = 0" in p for p in FAMILY.violations({**source, "x": sympy.Integer(0)}))
    zero_weight = {**source, "w_out": [sympy.Integer(0), sympy.Rational(-4, 5)]}
    assert any("zero weight" in p for p in FAMILY.violations(zero_weight))
    reached = {**source, "d": sympy.Rational(61, 100)}  # ŷ ≈ 0.612: nothing left to learn
    assert any("within" in p for p in FAMILY.violations(reached))


def test_gradients_and_steps_that_read_as_round_values_are_rejected() -> None:
    # x = 1/4 and w4 = -0.1: dE/dw2 = delta * w4 * h2 (1 - h2) * x ~ 0.00036
    small_gradient = {"x": "0.25", "w_in": "[0.8, 1]", "b_h": "[0.5, -0.2]", "w_out": "[1, -0.1]"}
    params = FAMILY.coerce(small_gradient | {"b_out": "0.3", "d": "1", "lam": "0.05", "lr": "2"})
    assert math.isclose(float(FAMILY.solve(params)["grad_error"][1]), 0.00036393, rel_tol=1e-4)
    assert FAMILY.violations(params) == [
        "a gradient entry is within 0.0005 of 0: it reads as 0 at four decimals"
    ]
    # w1 = -0.1 - 2 (dE/dw1 + 2 * 0.1 * (-0.1)) ~ -0.00033
    near_zero_step = {
        "x": "-2",
        "w_in": "[-0.1, -0.8]",
        "b_h": "[-0.4, 0.3]",
        "w_out": "[0.8, 0.3]",
    }
    params = FAMILY.coerce(near_zero_step | {"b_out": "-0.4", "d": "0.25", "lam": "0.1", "lr": "2"})
    assert math.isclose(float(FAMILY.solve(params)["w_new"][0]), -0.00032811, rel_tol=1e-4)
    assert FAMILY.violations(params) == [
        "a stepped weight is within 0.0005 of 0 or ±1: it reads as a round value"
    ]
