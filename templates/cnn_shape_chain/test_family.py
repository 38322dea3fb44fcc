"""BITS end-sem 1 (a)-(c): 256x256x3, conv 64 and 128 filters of 5x5 (valid, stride 1), 2x2 pool."""

from generator.formatting import Shape
from generator.registry import default_registry

FAMILY = default_registry().get("cnn_shape_chain")


def _solve(**changes: object) -> dict:
    return FAMILY.solve({**FAMILY.source_instance(), **FAMILY.coerce(changes)})


def test_bits_end_sem_1a_to_c() -> None:
    values = _solve()
    # 256 - 5 + 1 = 252, 252 - 5 + 1 = 248, 248 / 2 = 124 (printed, right; the seed's working
    # for the second layer writes "x64" but its result 248x248x128 is right).
    assert values["conv1_shape"] == Shape((252, 252, 64))
    assert values["conv2_shape"] == Shape((248, 248, 128))
    assert values["pool_shape"] == Shape((124, 124, 128))
    assert values["flat_length"] == 124 * 124 * 128 == 1968128
    # (5*5*3 + 1)*64 = 4864; (5*5*64 + 1)*128 = 204928 as printed in 1 (c)
    assert values["conv1_params"] == 4864
    assert values["conv2_params"] == 204928
    # 1 (b): resizing to 128x128x3 changes nothing: 4864 + 204928
    assert values["conv_params_resized"] == 209792


def test_same_padding_stride_two() -> None:
    # 227 with K = 3, P = 1, S = 2: (227 + 2 - 3)/2 + 1 = 114, (114 - 1)/2 is fractional
    problems = FAMILY.violations(
        FAMILY.coerce(
            {**FAMILY.source_params, "size": 227, "kernel": 3, "padding": "same", "stride": 2}
        )
    )
    assert any("not divisible by the stride" in p for p in problems)
    # 129: (129 + 2 - 3)/2 + 1 = 65, (65 - 1)/2 + 1 = 33, pool 3 -> 11
    values = _solve(size=129, kernel=3, padding="same", stride=2, pool=3)
    assert values["conv1_shape"] == Shape((65, 65, 64))
    assert values["conv2_shape"] == Shape((33, 33, 128))
    assert values["pool_shape"] == Shape((11, 11, 128))


def test_follow_through_from_a_wrong_first_shape() -> None:
    # A student who forgets to subtract K and writes 256x256x64 gets (256 - 4) / 2 = 126 later.
    given = FAMILY.solve(FAMILY.source_instance(), given={"conv1_shape": Shape((256, 256, 64))})
    assert given["pool_shape"] == Shape((126, 126, 128))
