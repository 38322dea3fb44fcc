"""TUM I2DL endterm WS21 Problem 1 g (1x1 convolutions) and two shuffled items, keyed by hand."""

from generator.registry import default_registry


def key(item: str, shuffle: int) -> str:
    family = default_registry().get("mc_cnn")
    return str(family.solve(family.coerce({"item": item, "shuffle": shuffle}))["key"])


def test_source_item_all_four_uses_of_1x1_convolutions() -> None:
    # The seed prints no key for Problem 1. All four uses are right: channel weighting (feature
    # selection, reworded to say so), bottleneck before costly convs, extra non-linear depth (NiN),
    # replacing FC layers (fully convolutional nets).
    family = default_registry().get("mc_cnn")
    assert family.solve(family.source_instance())["key"] == "A,B,C,D"


def test_kernel_item_keeps_its_key_under_shuffles() -> None:
    # Written order: blur (yes), vertical edges (yes), C1 edge detector (no), keeps brightness (no).
    assert key("tum_kernels_c1_c2", 0) == "A,B"
    # Shuffle 23 of 4 options is the reversed order: no, no, yes, yes.
    assert key("tum_kernels_c1_c2", 23) == "C,D"


def test_five_option_item_reversed() -> None:
    # new_max_pool: yes, yes, yes, no, no; shuffle 119 = 5! - 1 shows them reversed.
    assert key("new_max_pool", 119) == "C,D,E"
