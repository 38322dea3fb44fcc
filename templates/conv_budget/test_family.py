"""VIR 2019 Q2 (3D, the source) and VIR 2021 Q3 / VIR 2022 training Q8 (2D), hand-checked.

Neither seed prints a solution. The 2019 text's example says that alpha x + beta y + c takes
"2 multiplication and 3 addition operations, totaling 5": it has only 2 additions (the 2021 text
says 2 + 2 = 4). The question therefore states the count: a stamp is sum_i w_i x_i + b over
n = K^d C weights, n multiplications + (n - 1) additions + 1 bias addition = 2n operations.
"""

from generator.registry import default_registry

FAMILY = default_registry().get("conv_budget")
VIR2021 = {
    "dims": 2,
    "batch": 4,
    "channels": 2,
    "width": 13,
    "height": 13,
    "depth": 1,
    "kernel": 5,
    "precision": "FP64",
    "goal": "target",
    "pad_stride": 2,
    "target": 7,
    "stride": 2,
    "bias": "bias",
}


def test_vir2019_3d_filter_budget() -> None:
    values = FAMILY.solve(FAMILY.source_instance())
    assert values["padding"] == 1  # (3 - 1)/2 keeps 6x6x7 at stride 1
    assert values["memory"] == 56  # 3*3*3*1 = 27 weights + 1 bias = 28 params, 2 bytes each
    assert values["memory_other_bias"] == 54
    assert values["ops_per_stamp"] == 54  # 27 multiplications + 26 + 1 additions
    assert values["stamps"] == 240  # 3 examples * (4 * 4 * 5) valid positions


def test_vir2021_2d_filter_budget() -> None:
    params = FAMILY.coerce(VIR2021)
    assert FAMILY.violations(params) == []
    values = FAMILY.solve(params)
    assert values["padding"] == 2  # (13 + 2P - 5)/2 + 1 = 7  =>  P = 2
    assert values["memory"] == 408  # 5*5*2 = 50 weights + 1 bias, 8 bytes each
    assert values["ops_per_stamp"] == 100  # 50 multiplications + 50 additions
    assert values["stamps"] == 100  # 4 examples * 5 * 5 positions ((13 - 5)/2 + 1 = 5)


def test_unreachable_target_is_rejected() -> None:
    # 7 -> 10 would need P = ((10 - 1) * 2 - 13 + 5)/2 = 5, no smaller than the filter.
    problems = FAMILY.violations(FAMILY.coerce({**VIR2021, "target": 10}))
    assert any("no whole padding" in p for p in problems)


def test_padding_ambiguous_under_floor_rounding_is_rejected() -> None:
    # Stride 3 to a 5-wide output: P = 2 gives (13 + 4 - 5)/3 + 1 = 5 exactly, but P = 3 gives
    # floor(14/3) + 1 = 5 too, so a student using PyTorch's rounding has two answers.
    problems = FAMILY.violations(FAMILY.coerce({**VIR2021, "pad_stride": 3, "target": 5}))
    assert any("ambiguous" in p for p in problems)


def test_same_padding_with_an_even_filter_is_rejected() -> None:
    problems = FAMILY.violations(
        {**FAMILY.source_instance(), "kernel": FAMILY.coerce({"kernel": 2})["kernel"]}
    )
    assert any("odd filter size" in p for p in problems)


def test_without_bias_the_question_and_its_half_point_alternative_swap() -> None:
    # 27 weights only: 54 bytes and 27 + 26 = 53 operations; counting a bias is the slip now.
    values = FAMILY.solve(FAMILY.coerce({**FAMILY.source_params, "bias": "none"}))
    assert (values["memory"], values["memory_other_bias"]) == (54, 56)
    assert (values["ops_per_stamp"], values["ops_other_bias"]) == (53, 54)
