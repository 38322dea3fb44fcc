"""TUM I2DL Problem 6 e (LSTM gates and cell state), rubric as in the seed."""

from generator.registry import default_registry


def test_source_item_gate_assignment_and_cell_state() -> None:
    family = default_registry().get("free_rnn")
    values = family.solve(family.source_instance())
    # g1 multiplies the output, g2 the old cell state, g3 the candidate.
    answer = values["model_answer"]
    assert "$g_1 = o$" in answer and "$g_2 = f$" in answer and "$g_3 = u$" in answer
    assert [p.points for p in values["rubric_points"]] == [1, 1]
