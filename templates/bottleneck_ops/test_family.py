"""BITS: 50x50x200 -> 1x1 -> 50x50x50 -> 5x5 -> 50x50x75; micro-MLP 5x5 gray, 10 hidden, depth 1."""

from generator.registry import default_registry


def test_source_counts() -> None:
    family = default_registry().get("bottleneck_ops")
    values = family.solve(family.source_instance())
    assert values["pad_reduce"] == 0
    assert values["pad_main"] == 2
    # 50*50*50*200 = 25,000,000 and 50*50*25*50*75 = 234,375,000 (both as printed)
    assert values["mults_reduce"] == 25_000_000
    assert values["mults_main"] == 234_375_000
    # The seed prints "total # of operations = 236,875,000", an addition slip:
    # 25,000,000 + 234,375,000 = 259,375,000.
    assert values["mults_total"] == 259_375_000
    # direct 5x5 from 200 to 75 channels: 50*50*25*200*75
    assert values["mults_direct"] == 937_500_000
    # 5*5*10 + 10 + 10*1 + 1 = 271, as printed
    assert values["mlp_params"] == 271


def test_a_widening_1x1_is_not_a_bottleneck() -> None:
    family = default_registry().get("bottleneck_ops")
    params = {**family.source_instance(), **family.coerce({"mid_depth": 300})}
    assert family.violations(params)
