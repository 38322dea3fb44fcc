"""The three BITS Pilani computational-graph questions, pinned to values worked out by hand.

relu(ax + by + c), a = 3, b = 2, c = −5, x = 2, y = 3: s = 6 + 6 − 5 = 7, f = 7,
    ∂f/∂a = x = 2, ∂f/∂b = y = 3, ∂f/∂c = 1 (the seed prints only the local-gradient table).
1/(1 + e^−z) at z = 3: r = 1 + e^−3 ≈ 1.049787, f ≈ 0.952574, ∂f/∂r = −1/r² ≈ −0.907397,
    ∂f/∂q = ∂f/∂r, ∂f/∂p = ∂f/∂q·e^−3 ≈ −0.045177, ∂f/∂z = f(1 − f) ≈ 0.045177.
    The seed prints ∂f/∂r = −1/0.953² = −1.101 (it squares f instead of r) and from it
    ∂f/∂z = 0.0548; both are wrong. It also writes r = p + 1 for r = q + 1.
x⁴ − 32x² + y⁴ − 18y² at (2, 2): f = 16 − 128 + 16 − 72 = −168, ∂f/∂x = 4·8 − 64·2 = −96,
    ∂f/∂y = 4·8 − 36·2 = −40. The seed's formula ∂f/∂y = 4y³ − 36x has a typo (36y); at x = y
    it gives the same number.
"""

import math

import sympy

from generator.registry import default_registry
from templates.graph_gradients.params import SOURCE_POLYNOMIAL, SOURCE_SIGMOID

FAMILY = default_registry().get("graph_gradients")


def _solve(source: dict) -> dict:
    params = FAMILY.coerce(source)
    assert FAMILY.violations(params) == []
    return FAMILY.solve(params)


def test_relu_unit() -> None:
    values = _solve(FAMILY.source_params)
    assert values["f_value"] == 7
    assert values["gradient"] == [2, 3, 1]


def test_sigmoid_backward_pass() -> None:
    values = _solve(SOURCE_SIGMOID)
    sig = 1 / (1 + math.exp(-3))
    assert math.isclose(float(values["f_value"]), sig, rel_tol=1e-12)
    dr, dq, dp, dz = (float(g) for g in values["gradient"])
    assert math.isclose(dr, -1 / (1 + math.exp(-3)) ** 2, rel_tol=1e-12)
    assert dq == dr
    assert math.isclose(dz, sig * (1 - sig), rel_tol=1e-12)
    assert math.isclose(dz, 0.0451766597, rel_tol=1e-8)
    assert dp == -dz


def test_polynomial() -> None:
    values = _solve(SOURCE_POLYNOMIAL)
    assert values["f_value"] == -168
    assert values["gradient"] == [-96, -40]


def test_dead_or_kinked_relu_and_stationary_points_are_rejected() -> None:
    source = FAMILY.source_instance()
    assert any("kink" in p for p in FAMILY.violations({**source, "c": sympy.Integer(-12)}))
    assert any("< 0" in p for p in FAMILY.violations({**source, "c": sympy.Integer(-13)}))
    # x⁴ − 8x² + y⁴ − 2y² is stationary at (2, 1): 32 − 32 = 0 and 4 − 4 = 0.
    stationary = {**FAMILY.coerce(SOURCE_POLYNOMIAL), "m": -8, "n": -2, "y": 1}
    assert any("stationary" in p for p in FAMILY.violations(FAMILY.coerce(stationary)))
