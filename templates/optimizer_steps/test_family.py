"""BITS optimizer questions, solved by hand (calculator for the square roots and sigma(-9)).

Every number the seeds print for these questions except the SGD one is wrong; see each test.
"""

import math

import pytest

from generator.formatting import number
from generator.registry import default_registry


def _solve(**changes: str) -> dict:
    family = default_registry().get("optimizer_steps")
    params = {**family.source_instance(), **family.coerce(changes)}
    return {k: number(v) for k, v in family.solve(params).items() if k in ("grad0", "w1", "w2")}


def test_adam_on_sigmoid_neuron_moves_each_weight_by_eta() -> None:
    # z = -2 * 3.5 - 2 = -9, sigma(-9) = 1.2339e-4, so g = (sigma - 0.5) [3.5, 1].
    # With bias correction the first Adam step is eta * g / (|g| + eps): both weights move by
    # +0.1 (up to eps) to -1.9. The seed prints the gradient as -0.493 / -0.482, uses beta2 =
    # 0.999 instead of the given 0.99, and ends at w = -2.081, b = -2.079 (moving the wrong way).
    values = _solve()
    sigma = 1 / (1 + math.exp(9))
    assert values["grad0"] == pytest.approx([(sigma - 0.5) * 3.5, sigma - 0.5], rel=1e-12)
    assert all(abs(w - (-1.9)) < 1e-8 for w in values["w1"])
    # Second step: the gradient keeps its sign, so m^ and s^ stay aligned: again about +0.1.
    assert all(abs(w - (-1.8)) < 1e-5 for w in values["w2"])


def test_adam_without_bias_correction_on_polynomial() -> None:
    # L = 3 w1^2 + 1.5 w2^3 at [1.5, -2]: g = [9, 18]; m = [4.5, 9], s = [8.1, 32.4];
    # step = 0.01 * m / sqrt(s) = 0.01 * 0.5 / sqrt(0.1) = 0.005 sqrt(10) = 0.0158114 in both.
    # The seed divides the gradient 9 (not m = 4.5) by sqrt(8.1) and prints [1.468, -2.032].
    values = _solve(
        optimizer="adam_nobc",
        objective="poly",
        w0="[1.5, -2]",
        lr="0.01",
        beta1="0.5",
        beta2="0.9",
    )
    assert values["grad0"] == [9, 18]
    step = 0.005 * math.sqrt(10)
    assert abs(values["w1"][0] - (1.5 - step)) < 1e-8
    assert abs(values["w1"][1] - (-2 - step)) < 1e-8


def test_rprop_on_one_dimensional_quadratic() -> None:
    # 24 x^2 + 16 x + 12 from x = 2, Delta_0 = 1, eta+ = 1.1: f'(2) = 112 > 0 so x1 = 1;
    # f'(1) = 64 keeps the sign, Delta = 1.1, x2 = -0.1. (The seed's later steps step further
    # left after the sign change at -1.31, although f'(-1.31) < 0 calls for a step right.)
    # The unused second weight has a zero polynomial, so it never moves.
    values = _solve(
        optimizer="rprop", objective="poly", coeffs="[[0, 24, 16], [0, 0, 0]]", w0="[2, 0]"
    )
    assert values["w1"] == [1, 0]
    assert abs(values["w2"][0] - (-0.1)) < 1e-12


def test_sgd_on_squared_linear_function() -> None:
    # t = (2p + 3)^2 = 4 p^2 + 12 p + 9, p0 = 6, eta = 0.1: p1 = 6 - 6 = 0, p2 = 0 - 1.2 = -1.2
    # (the seed prints the same, and p3 = -1.44).
    values = _solve(
        optimizer="sgd", objective="poly", coeffs="[[0, 4, 12], [0, 0, 0]]", w0="[6, 0]", lr="0.1"
    )
    assert values["w1"] == [0, 0]
    assert abs(values["w2"][0] - (-1.2)) < 1e-12
