"""TUM I2DL endterm WS21 Problem 3 a (mixing two distributions) and 8 e (class imbalance)."""

from generator.registry import default_registry


def test_source_item_two_distributions() -> None:
    family = default_registry().get("free_data")
    values = family.solve(family.source_instance())
    assert "80{,}000" in values["stem"]
    # 20,000 of 100,000 images are iPhone photos, so 1/5 of the validation and test sets are.
    assert "$\\frac15$" in values["model_answer"]
    assert [p.points for p in values["rubric_points"]] == [1, 1]


def test_class_imbalance_rubric_matches_the_seed() -> None:
    # Seed: 1 pt for the imbalance, 0.5 pt per solution.
    family = default_registry().get("free_data")
    values = family.solve(family.coerce({"item": "tum_class_imbalance_explain"}))
    assert [p.points for p in values["rubric_points"]] == [1, 0.5, 0.5]
    assert "97.6" in values["model_answer"]  # 4000 / 4100 = 0.9756
