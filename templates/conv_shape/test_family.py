"""The TUM question: 26x26x26 input, 5 filters of 7, stride 3, padding 1."""

from generator.formatting import Shape
from generator.registry import default_registry


def test_source_instance_is_8x8x5() -> None:
    family = default_registry().get("conv_shape")
    values = family.solve(family.source_instance())
    # The seed prints 8 x 8 x 5 (2p): (26 - 7 + 2)/3 + 1 = 8.
    assert values["output_shape"] == Shape((8, 8, 5))
    # 5 filters * (7*7*26 weights + 1 bias) = 5 * 1275.
    assert values["n_params"] == 6375
    assert values["weight_shape"] == Shape((5, 26, 7, 7))


def test_fractional_output_size_is_rejected() -> None:
    family = default_registry().get("conv_shape")
    problems = family.violations({**family.source_instance(), "stride": 2})
    assert any("not divisible by the stride" in p for p in problems)


def test_tum_alexnet_layer_with_the_floor_rule() -> None:
    """TUM Problem 7 b-c: 256x256x3, 96 filters of 11, stride 4, padding 5 (the printed working
    omits the padding: (256 - 11)/4 + 1 = 62.25; with it, floor((256 + 10 - 11)/4) + 1 = 64, the
    printed 64x64x96)."""
    family = default_registry().get("conv_shape")
    params = family.coerce(
        {
            "size": 256,
            "channels": 3,
            "filters": 96,
            "kernel": 11,
            "stride": 4,
            "padding": 5,
            "rounding": "floor",
        }
    )
    assert family.violations(params) == []
    values = family.solve(params)
    assert values["output_shape"] == Shape((64, 64, 96))
    assert values["n_params"] == (11 * 11 * 3 + 1) * 96 == 34944
    assert family.violations({**params, "rounding": "exact"})  # 255 is not divisible by 4
