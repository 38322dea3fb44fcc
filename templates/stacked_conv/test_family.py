"""VIR 2021 midterm Q4 (= VIR 2022 training Q10), hand-checked; the seeds print no solution.

Two valid 3x3 convolutions: 5 -> 3 -> 1, so x is 5x5. g with four kernel pairs is linear,
g(x) = theta^T vec(x) with theta the composed 5x5 kernel, so theta has 25 dimensions (g itself has
4 * (9 + 9) = 72 parameters). The source leaves open how the second layer's four kernels combine
into y; the question states y = sum_i conv(conv(x, w_i), v_i) so that y stays a scalar.
"""

from generator.formatting import Shape
from generator.registry import default_registry

FAMILY = default_registry().get("stacked_conv")


def test_source_sizes_and_theta() -> None:
    values = FAMILY.solve(FAMILY.source_instance())
    assert values["input_shape"] == Shape((5, 5))
    assert values["theta_dim"] == 25
    assert values["g_params"] == 72
    assert values["kind_key"] == "A"
    assert "linear" in values["kind_options"][0]


def test_theta_follows_a_students_input_size() -> None:
    values = FAMILY.solve(FAMILY.source_instance(), given={"input_shape": Shape((7, 7))})
    assert values["theta_dim"] == 49


def test_mixed_kernel_sizes() -> None:
    # 4x4 then 2x2: 5 -> 2 -> 1.
    values = FAMILY.solve(FAMILY.coerce({"k1": 4, "k2": 2, "kernels": 2, "bias": "none"}))
    assert values["input_shape"] == Shape((5, 5))


def test_biases_make_g_affine_with_one_more_dimension() -> None:
    # 3x3 then 3x3 with 4 pairs and biases: theta is the 5x5 kernel plus the offset g(0), and g
    # has 4 * (9 + 9) weights, 4 feature-map biases and 1 output bias.
    values = FAMILY.solve(FAMILY.coerce({**FAMILY.source_params, "bias": "bias"}))
    assert values["kind_key"] == "B"
    assert "affine" in values["kind_options"][1]
    assert values["theta_dim"] == 26
    assert values["g_params"] == 77
