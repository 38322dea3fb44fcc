"""TUM I2DL receptive fields, hand-checked with r_k = r_{k-1} + (s_1 ... s_{k-1}) (f_k - 1).

The seed's printed values for these three questions (19 and 51; 7; 6) are correct.
"""

from generator.registry import default_registry

FAMILY = default_registry().get("receptive_field")


def _solve(**overrides: object) -> dict:
    params = FAMILY.coerce({**FAMILY.source_params, **overrides})
    assert FAMILY.violations(params) == []
    return FAMILY.solve(params)


def test_problem_7d_conv_pool_conv() -> None:
    values = FAMILY.solve(FAMILY.source_instance())
    assert values["r2"] == 19  # 11 + 4 * (3 - 1)
    assert values["r3"] == 51  # 19 + 4 * 2 * (5 - 1)


def test_problem_4d_three_stacked_3x3_convs() -> None:
    values = _solve(layout="conv-conv-conv", filters="[3, 3, 3]", strides="[1, 1, 1]", image=224)
    assert (values["r2"], values["r3"]) == (5, 7)  # 1 -> 3 -> 5 -> 7


def test_problem_7a_lenet_after_maxpool1() -> None:
    # conv 5x5 stride 1 then 2x2 max-pool stride 2: one pooled pixel sees 2x2 conv outputs = 6x6;
    # a third 5x5 conv adds 1 * 2 * 4.
    values = _solve(layout="conv-pool-conv", filters="[5, 2, 5]", strides="[1, 2, 1]", image=32)
    assert (values["r2"], values["r3"]) == (6, 14)


def test_stride_larger_than_filter_is_rejected() -> None:
    params = FAMILY.coerce({**FAMILY.source_params, "strides": "[4, 4, 1]"})
    assert any("skips input pixels" in p for p in FAMILY.violations(params))
