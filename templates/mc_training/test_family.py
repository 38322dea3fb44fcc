"""TUM I2DL endterm WS21 Problem 1 e (second-order methods) and f (flat loss), keyed by hand."""

from generator.registry import default_registry


def key(item: str, shuffle: int) -> str:
    family = default_registry().get("mc_training")
    return str(family.solve(family.coerce({"item": item, "shuffle": shuffle}))["key"])


def test_source_item_fewer_but_slower_iterations() -> None:
    # The seed prints no key. Newton-type methods need fewer iterations (1) that are each slower
    # (4); RMSProp only uses squared gradients, a first-order method (3 is false).
    family = default_registry().get("mc_training")
    assert family.solve(family.source_instance())["key"] == "A,D"
    # Shuffle 1 swaps the last two options: fewer, faster, slower, RMSProp.
    assert key("tum_second_order", 1) == "A,C"


def test_flat_training_loss() -> None:
    # Problem 1 f: bad initialization and a too small learning rate, not class balance or weak
    # regularization.
    assert key("tum_flat_loss", 0) == "B,C"
