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
