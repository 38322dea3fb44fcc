"""BITS Sample LSTM Question and Sample RNN Question (x = [1, 1, 0], per-step weights, sigmoid
state/candidate, ReLU outputs as the question text says)."""

import pytest
import sympy

from generator.registry import default_registry

FAMILY = default_registry().get("rnn_lstm_forward")


def _solve(**changes: object) -> dict:
    return FAMILY.solve({**FAMILY.source_instance(), **FAMILY.coerce(changes)})


def _approx(value: float) -> object:
    return pytest.approx(value, abs=5e-5)


def test_bits_sample_lstm() -> None:
    values = _solve()
    # o1 = s(0.9*0 + 0.4*1) = 0.5987, f1 = s(0.6) = 0.6457 (printed, right); i1 = s(U_i1 = 0.9)
    # = 0.7109, the seed prints s(0.3) = 0.574 (it takes U_i3); candidate s(0.5) = 0.6225.
    o1, i1, f1 = values["gates1"]
    assert (float(o1), float(i1), float(f1)) == (_approx(0.5987), _approx(0.7109), _approx(0.6457))
    # s1 = 0.6457*0 + 0.7109*0.6225 = 0.4425 (the seed prints 0.574*0.62 = 0.355).
    assert float(values["s1"]) == _approx(0.4425)
    # h1 = o1 s(s1) = 0.5987*0.6089 = 0.3645; y1 = ReLU(0.4*0.3645) = 0.1458. The seed writes
    # y1 = s(0.4*0.355), a sigmoid of s1 where its own text says ReLU of the hidden output.
    assert float(values["h1"]) == _approx(0.3645)
    assert float(values["y1"]) == _approx(0.1458)
    # Step 2 by hand with h1 = 0.36452: o2 = s(0.3365) = 0.5833, i2 = s(0.2458) = 0.5611,
    # f2 = s(0.3094) = 0.5767, candidate s(0.7094) = 0.6703;
    # s2 = 0.5767*0.4425 + 0.5611*0.6703 = 0.6313, h2 = 0.5833*s(0.6313) = 0.3808, y2 = 0.0762.
    assert float(values["s2"]) == _approx(0.6313)
    assert float(values["y2"]) == _approx(0.0762)
    # Step 3 (x3 = 0): o3 = s(0.3*0.3808) = 0.5285, i3 = s(0.0762) = 0.5190, f3 = s(0.0762),
    # candidate s(0.8*0.3808) = 0.5756; s3 = 0.5190*(0.6313 + 0.5756) = 0.6264,
    # y3 = 0.1*0.5285*s(0.6264) = 0.0344.
    assert float(values["s3"]) == _approx(0.6264)
    assert float(values["y3"]) == _approx(0.0344)


def test_bits_sample_vanilla_rnn() -> None:
    values = _solve(cell="rnn")
    # s1 = s(0.5) = 0.6225, s2 = s(0.6 + 0.3*0.6225) = 0.6871, s3 = s(0.8*0.6871) = 0.6341.
    # The seed rounds s1 to 0.6 before using it and prints y1 = 0.4*0.6 = 0.24; the key is
    # 0.4*0.6225 = 0.2490 (y2 = 0.2*0.6871 = 0.1374, y3 = 0.1*0.6341 = 0.0634 as printed).
    states = [float(values[k]) for k in ("s1", "s2", "s3")]
    outputs = [float(values[k]) for k in ("y1", "y2", "y3")]
    assert states == [_approx(0.6225), _approx(0.6871), _approx(0.6341)]
    assert outputs == [_approx(0.2490), _approx(0.1374), _approx(0.0634)]


def test_seed_slip_earns_follow_through_but_not_the_key() -> None:
    # With the seed's s1 = 0.355 the output recomputed from it is 0.4*0.598*s(0.355) = 0.1407:
    # the grader credits y1 from the student's own s1, while s1 itself is 20% off the key.
    given = FAMILY.solve(FAMILY.source_instance(), given={"s1": sympy.Rational(355, 1000)})
    assert float(given["y1"]) == _approx(0.1408)
    assert abs(0.355 - float(_solve()["s1"])) > 0.08


def test_negative_output_is_cut_by_the_relu() -> None:
    values = _solve(cell="rnn", squash="tanh", V="[0.4, -0.2, 0.1]")
    # s2 = tanh(0.6 + 0.3 tanh 0.5) = tanh(0.7386) = 0.6283 > 0 and V2 < 0: y2 = ReLU(-0.1257) = 0
    assert float(values["s2"]) == _approx(0.6283)
    assert values["y2"] == 0


def test_outputs_near_the_relu_kink_are_rejected() -> None:
    changes = {"cell": "rnn", "squash": "tanh", "x": "[0, 1, 1]"}
    params = FAMILY.coerce({**FAMILY.source_params, **changes})
    # x1 = 0 gives s1 = tanh(0) = 0 and V1 s1 = 0: on the kink
    assert any("kink" in p for p in FAMILY.violations(params))
