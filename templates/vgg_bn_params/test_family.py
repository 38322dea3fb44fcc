"""BITS DNN Q2: VGG16 (64x2, 128x2, 256x3, 512x3, 512x3) with batch normalization after every
convolution."""

from generator.registry import default_registry

FAMILY = default_registry().get("vgg_bn_params")


def _solve(**changes: object) -> dict:
    return FAMILY.solve({**FAMILY.source_instance(), **FAMILY.coerce(changes)})


def test_source_instance() -> None:
    values = _solve()
    # channels 2*64 + 2*128 + 3*256 + 6*512 = 128 + 256 + 768 + 3072 = 4224; 2*4224 = 8448 (printed)
    assert values["bn_trainable"] == 8448
    # first three layers 64, 64, 128: 2*(64 + 64 + 128) = 512 (printed, as "512(2*64*2+128*2)")
    assert values["first_moving"] == 512
    # 4 per channel: 4*4224 = 16896, the seed table's last column
    assert values["bn_total"] == 16896
    assert values["vgg_name"] == "VGG16"


def test_custom_stack_and_a_block_boundary() -> None:
    values = _solve(widths="[16, 32, 64, 128, 128]", convs="[1, 2, 1, 3, 1]", first=4)
    # channels 16 + 64 + 64 + 384 + 128 = 656; first four layers 16, 32, 32, 64 -> 2*144 = 288
    assert values["bn_trainable"] == 1312
    assert values["first_moving"] == 288
    assert values["bn_total"] == 2624
    assert values["vgg_name"] == ""


def test_total_follows_the_students_trainable_count() -> None:
    given = FAMILY.solve(FAMILY.source_instance(), given={"bn_trainable": 4224})
    assert given["bn_total"] == 4224 + 8448


def test_k_beyond_the_layers_is_rejected() -> None:
    params = {**FAMILY.source_instance(), **FAMILY.coerce({"first": 14})}
    assert "exceeds" in FAMILY.violations(params)[0]
