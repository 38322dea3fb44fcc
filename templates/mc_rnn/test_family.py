"""TUM I2DL Problem 6 e (LSTM gates) and the BITS LSTM weight count, keyed by hand."""

from generator.registry import default_registry


def key(item: str, shuffle: int) -> str:
    family = default_registry().get("mc_rnn")
    return str(family.solve(family.coerce({"item": item, "shuffle": shuffle}))["key"])


def test_source_item_output_and_forget_gates_and_cell_state() -> None:
    # g1 = output gate, g2 = forget gate (multiplies c_{t-1}), g3 = update gate, c_t = cell state.
    family = default_registry().get("mc_rnn")
    assert family.solve(family.source_instance())["key"] == "A,B,D"
    assert key("tum_lstm_gates", 23) == "A,C,D"


def test_lstm_weight_count_is_4400_not_the_printed_6800() -> None:
    # 4 blocks * (10 + 20) * 20 = 2400 LSTM weights plus 20 * 100 = 2000 output weights. The seed
    # prints 6800 (it doubles the LSTM weights to 4 * 2 * 30 * 20 = 4800).
    assert key("bits_lstm_weights", 0) == "A"
