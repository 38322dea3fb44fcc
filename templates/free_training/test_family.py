"""TUM I2DL endterm WS21 Problem 4 e (Newton's method) and 4 c (saddle points), seed rubrics."""

from generator.registry import default_registry


def test_source_item_newton_one_point_each() -> None:
    family = default_registry().get("free_training")
    values = family.solve(family.source_instance())
    assert "Newton" in values["stem"]
    # Seed: learning rate need not be chosen (1P); inverse Hessian too expensive (1P).
    assert [p.points for p in values["rubric_points"]] == [1, 1]


def test_saddle_point_rubric_is_half_half_one() -> None:
    family = default_registry().get("free_training")
    values = family.solve(family.coerce({"item": "tum_saddle_point_sgd"}))
    assert [p.points for p in values["rubric_points"]] == [0.5, 0.5, 1]
