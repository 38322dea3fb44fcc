"""TUM I2DL endterm WS21 Problem 1 a (shuffled validation set) and a BITS item, keyed by hand."""

from generator.registry import default_registry


def key(item: str, shuffle: int) -> str:
    family = default_registry().get("mc_data")
    return str(family.solve(family.coerce({"item": item, "shuffle": shuffle}))["key"])


def test_source_item_validation_loss_is_unchanged() -> None:
    # The seed prints no key. The validation loss is an average over a fixed set with a fixed
    # model, so the order does not matter: option 3.
    family = default_registry().get("mc_data")
    assert family.solve(family.source_instance())["key"] == "C"
    # Reversed (shuffle 23): unpredictable, same, lower, higher.
    assert key("tum_shuffle_validation", 23) == "B"


def test_friend_is_right_to_shuffle_the_training_set() -> None:
    # BITS 2022-23 Q1 (b) prints "The friend is incorrect" but argues for shuffling; the friend is
    # right (option 1), and the order does not matter for full-batch descent (option 2).
    assert key("bits_shuffle_training", 0) == "A,B"
