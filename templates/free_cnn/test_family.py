"""TUM I2DL Problem 3.6 (segmenting images of arbitrary size): prompt and rubric as in the seed."""

from generator.registry import default_registry


def test_source_item_is_the_arbitrary_size_question_with_one_point_per_approach() -> None:
    family = default_registry().get("free_cnn")
    values = family.solve(family.source_instance())
    assert "arbitrary size" in values["stem"]
    # The seed's rubric: 1 pt for each of two different approaches.
    assert [p.points for p in values["rubric_points"]] == [1, 1]
    assert "fully convolutional" in values["model_answer"]


def test_lenet_item_names_the_new_f1_input_size() -> None:
    # 68 -> conv5 64 -> pool 32 -> conv5 28 -> pool 14: f1 needs 16 * 14 * 14 = 3136 inputs.
    family = default_registry().get("free_cnn")
    values = family.solve(family.coerce({"item": "tum_lenet_68"}))
    assert "3136" in values["model_answer"]
