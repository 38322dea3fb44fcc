"""VIR 2022 Q1 (why batch size > 1 with batch norm) and TUM Problem 8 b's four half points."""

from generator.registry import default_registry


def test_source_item_batch_size_one_gives_beta() -> None:
    family = default_registry().get("free_layers")
    values = family.solve(family.source_instance())
    assert "batch size larger than 1" in values["stem"]
    # The source has no rubric: 1 pt for the batch-of-one argument, 1 pt for reliable statistics.
    assert [p.points for p in values["rubric_points"]] == [1, 1]
    assert "$y_1 = \\beta$" in values["model_answer"]


def test_forward_backward_keeps_the_seed_half_points() -> None:
    family = default_registry().get("free_layers")
    values = family.solve(family.coerce({"item": "tum_forward_backward"}))
    assert [p.points for p in values["rubric_points"]] == [0.5, 0.5, 0.5, 0.5]
