"""BITS Q3: 100x100x1, four Conv2D(5x5) + MaxPooling2D blocks (32, 32, 64, 64), Dense 32, 2."""

from generator.formatting import Shape
from generator.registry import default_registry


def _solve(**changes: object) -> dict:
    family = default_registry().get("keras_params")
    return family.solve({**family.source_instance(), **family.coerce(changes)})


def test_source_summary_matches_the_printed_model_summary() -> None:
    values = _solve()
    # 100 -> 96 -> 48 -> 44 -> 22 -> 18 -> 9 -> 5 -> 2 (floor), as printed in the seed
    assert values["first_conv_shape"] == Shape((96, 96, 32))
    assert values["first_pool_shape"] == Shape((48, 48, 32))
    assert values["flatten_input_shape"] == Shape((2, 2, 64))
    assert values["flat_length"] == 256
    # (5*5*1 + 1)*32 = 832; (5*5*64 + 1)*64 = 102464; (256 + 1)*32 = 8224
    assert values["first_conv_params"] == 832
    assert values["last_conv_params"] == 102464
    assert values["first_dense_params"] == 8224
    # 832 + 25632 + 51264 + 102464 + 8224 + 66 = 188482, the seed's "Total params: 188,482"
    assert values["total_params"] == 188482
    assert values["trainable_params"] == 188482
    assert values["non_trainable_params"] == 0


def test_rgb_128_stack_of_the_other_bits_question() -> None:
    # BITS: 128x128 colour images, Conv2D 32/64/128/256 of 5x5 each with max pooling.
    # Printed per-layer counts (5*5*3+1)*32 = 2432 ... (5*5*128+1)*256 = 819456 are right.
    values = _solve(size=128, channels=3, filters="[32, 64, 128, 256]")
    assert values["first_conv_params"] == 2432
    assert values["last_conv_params"] == 819456
    # 128 -> 124 -> 62 -> 58 -> 29 -> 25 -> 12 -> 8 -> 4
    assert values["flatten_input_shape"] == Shape((4, 4, 256))


def test_batchnorm_moving_statistics_are_non_trainable() -> None:
    values = _solve(
        size=64,
        channels=3,
        kernel=3,
        filters="[8, 16, 16, 16]",
        batchnorm="yes",
        units=16,
        dropout="0.25",
    )
    # convs 224 + 1168 + 2320 + 2320, BN 4*(8+16+16+16) = 224, dense (2*2*16+1)*16 = 1040,
    # output (16+1)*2 = 34: total 7330, of which 2*(8+16+16+16) = 112 moving mean/variance
    assert values["total_params"] == 7330
    assert values["non_trainable_params"] == 112
    assert values["trainable_params"] == 7218


def test_vanishing_feature_map_is_rejected() -> None:
    family = default_registry().get("keras_params")
    problems = family.violations({**family.source_instance(), **family.coerce({"size": 40})})
    assert problems and "vanishes" in problems[0]
