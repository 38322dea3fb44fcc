"""TUM Problem 6 a (d = 3, h = 5, with bias), BITS's LSTM with 180 parameters on 3 features and
BITS's LSTM word predictor (embedding 10, 20 hidden nodes, 100 words, no biases)."""

from generator.registry import default_registry

FAMILY = default_registry().get("rnn_param_count")


def test_source_instance() -> None:
    values = FAMILY.solve(FAMILY.source_instance())
    # TUM: 3*5 + 5*5 + 5 = 45 (printed 45, correct); LSTM 4 * 45, GRU 3 * 45.
    assert (values["rnn_params"], values["lstm_params"], values["gru_params"]) == (45, 180, 135)
    # 4 (3h + h^2 + h) = 180 -> h^2 + 4h - 45 = 0 -> (h + 9)(h - 5) = 0 -> h = 5.
    # The seed prints "3H^2 + 7H - 45 = 0, H is approximately 2": a wrong expansion.
    assert values["solved_hidden"] == 5
    # 4 * 20 * (10 + 20) + 20 * 100 = 2400 + 2000 = 4400.
    # The seed prints 4*2*(20+10)*20 = 4800 and a total of 6800 (a spurious factor 2).
    assert values["recurrent_weights"] == 2400
    assert values["predictor_weights"] == 4400


def test_tum_sample_without_bias_and_bits_rnn_predictor() -> None:
    params = FAMILY.coerce(
        {**FAMILY.source_params, "d_in": 4, "hidden": 12, "bias": "no", "lm_cell": "rnn"}
        | {"vocab": 50}
    )
    values = FAMILY.solve(params)
    # TUM sample: 4*12 + 12*12 = 192 (printed, correct).
    assert values["rnn_params"] == 192
    # BITS RNN predictor: (20 + 10) * 20 + 20 * 50 = 1600 (printed, correct).
    assert values["predictor_weights"] == 1600


def test_total_without_integer_hidden_size_is_rejected() -> None:
    params = FAMILY.coerce({**FAMILY.source_params, "lstm_total": 184})
    assert FAMILY.violations(params)
