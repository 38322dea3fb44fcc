"""BITS end-sem 3 (b) (50 -> 64 -> 128 -> 256 -> 1) and the M.Tech midsem Keras functional model
(768 -> 30 -> 60 -> 120 -> 10, use_bias=False on layers 1 and 3)."""

from generator.registry import default_registry

FAMILY = default_registry().get("dense_stack_params")


def _solve(**changes: object) -> dict:
    return FAMILY.solve({**FAMILY.source_instance(), **FAMILY.coerce(changes)})


def test_bits_end_sem_3b() -> None:
    values = _solve()
    # 50*64 + 64 = 3264, 64*128 + 128 = 8320, 128*256 + 256 = 33024, 256*1 + 1 = 257 (printed)
    layers = [values[k] for k in ("layer1", "layer2", "layer3", "output_layer")]
    assert layers == [3264, 8320, 33024, 257]
    # 3264 + 8320 + 33024 + 257 = 44865; the seed adds its own four numbers to 44705.
    assert values["total"] == 44865


def test_functional_model_without_some_biases() -> None:
    values = _solve(inputs=768, hidden="[30, 60, 120]", outputs=10, bias="[0, 1, 0, 1]")
    # 768*30 = 23040, 30*60 + 60 = 1860, 60*120 = 7200, 120*10 + 10 = 1210: 33310 as printed
    layers = [values[k] for k in ("layer1", "layer2", "layer3", "output_layer")]
    assert layers == [23040, 1860, 7200, 1210]
    assert values["total"] == 33310


def test_total_follows_the_students_layer_counts() -> None:
    given = FAMILY.solve(FAMILY.source_instance(), given={"layer3": 32768})
    assert given["total"] == 3264 + 8320 + 32768 + 257
