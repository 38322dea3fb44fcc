"""TUM I2DL endterm WS21 Problem 1 c (layers without trainable parameters), keyed by hand."""

from generator.registry import default_registry


def key(item: str, shuffle: int) -> str:
    family = default_registry().get("mc_layers")
    return str(family.solve(family.coerce({"item": item, "shuffle": shuffle}))["key"])


def test_source_item_global_average_pooling_and_dropout() -> None:
    # The seed prints no key. PReLU learns its negative slope and a convolution its filters;
    # global average pooling and dropout have nothing to learn: options 2 and 4.
    family = default_registry().get("mc_layers")
    assert family.solve(family.source_instance())["key"] == "B,D"


def test_source_item_under_shuffles() -> None:
    # Shuffle 6 shows the options as (GAP, PReLU, Conv, Dropout); shuffle 23 reverses them.
    assert key("tum_no_params", 6) == "A,D"
    assert key("tum_no_params", 23) == "A,C"


def test_same_train_and_test_behaviour() -> None:
    # Problem 1 b: BatchNorm and Dropout differ between train and test; Linear and Sigmoid do not.
    assert key("tum_train_test", 0) == "B,D"
