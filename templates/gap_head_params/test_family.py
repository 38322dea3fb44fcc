"""BITS network in network: 7x7x128 map, hidden layer of 50 nodes, 100 classes."""

from generator.formatting import Shape
from generator.registry import default_registry

FAMILY = default_registry().get("gap_head_params")


def test_source_instance() -> None:
    values = FAMILY.solve(FAMILY.source_instance())
    assert values["pooled_shape"] == Shape((1, 1, 128))
    # 128*50 + 50*100 = 6400 + 5000 = 11400, as printed in the seed
    assert values["gap_weights"] == 11400
    # 50 hidden + 100 output biases
    assert values["fc_biases"] == 150
    # flattened: 7*7*128 = 6272 inputs, 6272*50 + 5000 = 313600 + 5000 = 318600
    assert values["flat_weights"] == 318600
    # 318600 - 11400 = 307200 = (6272 - 128)*50
    assert values["saving"] == 307200


def test_weights_follow_the_students_pooled_shape() -> None:
    # a student who keeps a 7x7 map after "pooling" multiplies 6272 by 50 and gets no saving
    given = FAMILY.solve(FAMILY.source_instance(), given={"pooled_shape": Shape((7, 7, 128))})
    assert given["gap_weights"] == 318600
    assert given["saving"] == 0


def test_equal_depth_and_width_is_rejected() -> None:
    params = {**FAMILY.source_instance(), **FAMILY.coerce({"hidden": 128})}
    assert FAMILY.violations(params)
