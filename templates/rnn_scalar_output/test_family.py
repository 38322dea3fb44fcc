"""TUM Problem 10 b: h0 = 3, w = 2, v = -1, u = 3, x = (1, 2); h_t = ReLU(u h_(t-1) + w x_t)."""

from generator.registry import default_registry

FAMILY = default_registry().get("rnn_scalar_output")


def test_tum_problem10b_source() -> None:
    values = FAMILY.solve(FAMILY.source_instance())
    # h1 = ReLU(3*3 + 2*1) = 11, h2 = ReLU(3*11 + 2*2) = 37, y2 = -37.
    assert (values["h1"], values["h2"], values["y2"]) == (11, 37, -37)
    # dy2/du = v (h1 + u h0) = -(11 + 9) = -20 (the seed's equation-based solution, correct).
    # The seed also accepts its figure's swapped reading (h2 = 24, y2 = -24, dy2/du = -4); this
    # family draws the figure from the equation, so that reading does not arise.
    assert values["dy2_du"] == -20


def test_dead_output_is_rejected() -> None:
    # z1 = -9 + 1 < 0 so h1 = 0, z2 = 0 - 1 < 0 so h2 = 0: nothing to differentiate.
    params = FAMILY.coerce({"u": -3, "w": 1, "v": 1, "h0": 3, "x": "[1, -1]"})
    assert any("dead" in p for p in FAMILY.violations(params))
