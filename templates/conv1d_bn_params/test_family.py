"""BITS end-sem 3 (a): Conv1D(64, 3) on a length-100 series, BatchNormalization, Dense 128."""

from generator.formatting import Shape
from generator.registry import default_registry

FAMILY = default_registry().get("conv1d_bn_params")


def _solve(**changes: object) -> dict:
    return FAMILY.solve({**FAMILY.source_instance(), **FAMILY.coerce(changes)})


def test_bits_end_sem_3a_with_keras_default_valid_padding() -> None:
    values = _solve()
    # 100 - 3 + 1 = 98 steps of 64 channels; conv (3*1 + 1)*64 = 256; BN 2*64 = 128 trainable
    assert values["conv_shape"] == Shape((98, 64))
    assert values["conv_params"] == 256
    assert values["bn_trainable"] == 128
    # Dense: (98*64 + 1)*128 = 6273*128 = 802944. The seed flattens 100*64 = 6400 inputs and
    # prints (6400 + 1)*128 = 819328, which needs padding="same"; Keras' default is "valid".
    assert values["dense_params"] == 802944
    assert values["trainable"] == 256 + 128 + 802944 == 803328
    assert values["non_trainable"] == 128


def test_same_padding_reproduces_the_printed_totals() -> None:
    values = _solve(padding="same")
    # with 100 steps kept: 256 + 128 + 819328 = 819712 trainable and 128 non-trainable, as printed
    assert values["dense_params"] == 819328
    assert values["trainable"] == 819712
    assert values["non_trainable"] == 128


def test_multivariate_input_and_follow_through() -> None:
    # 3 features, 16 filters of 5 on 50 steps: conv (5*3 + 1)*16 = 256, 46 x 16 = 736 flattened
    values = _solve(length=50, features=3, filters=16, kernel=5, units=10)
    assert values["conv_params"] == 256
    assert values["dense_params"] == (736 + 1) * 10
    # a student who keeps 50 steps gets the Dense layer from 50 x 16 = 800 inputs
    given = FAMILY.solve(
        FAMILY.coerce(
            {
                **FAMILY.source_params,
                "length": 50,
                "features": 3,
                "filters": 16,
                "kernel": 5,
                "units": 10,
            }
        ),
        given={"conv_shape": Shape((50, 16))},
    )
    assert given["dense_params"] == 8010
