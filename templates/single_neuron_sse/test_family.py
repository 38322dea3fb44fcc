"""BITS end-sem 2022-23 Q4 (b), pinned to values computed by hand and with mpmath.

x = [0.65, 0.75], y = 2.5, w = [0.3, 0.5], b = 1.75, eta = 2:
    z = 0.195 + 0.375 + 1.75 = 2.32, y_hat = sigma(2.32) ~ 0.910520,
    E = 1/2 (0.910520 - 2.5)^2 = 1/2 (1.589480)^2 ~ 1/2 * 2.526447 ~ 1.263223.
The seed prints y_hat ~ 0.9106 and SSE = 1/2 (-1.5894)^2 = 1/2 * 2.5245 = 1.2623: 1.5894^2 is
2.52619, not 2.5245, and with the exact y_hat the loss is 1.263223.
Gradient and step (the family's additions, eta = 2 from the seed's parameter list):
    delta = (y_hat - y) y_hat (1 - y_hat) ~ -0.129500, grad ~ [-0.0841752, -0.0971252, -0.129500],
    new [w1, w2, b] ~ [0.468350, 0.694250, 2.009001].
Floor: sigma < 1, so E > 1/2 (2.5 - 1)^2 = 9/8 for every parameter choice.
"""

import math

import sympy

from generator.registry import default_registry

FAMILY = default_registry().get("single_neuron_sse")


def _close(values: list, expected: list) -> bool:
    return all(
        math.isclose(float(v), e, rel_tol=1e-9) for v, e in zip(values, expected, strict=True)
    )


def test_source_forward_and_loss() -> None:
    values = FAMILY.solve(FAMILY.source_instance())
    assert values["z"] == sympy.Rational(232, 100)
    assert math.isclose(float(values["y_hat"]), 0.910519940666439, rel_tol=1e-12)
    assert math.isclose(float(values["error"]), 1.26322342950951, rel_tol=1e-12)
    assert values["loss_floor"] == sympy.Rational(9, 8)


def test_source_gradient_and_step() -> None:
    values = FAMILY.solve(FAMILY.source_instance())
    assert _close(values["grad"], [-0.0841752016290819, -0.0971252326489406, -0.129500310198588])
    assert _close(values["params_new"], [0.468350403258164, 0.694250465297881, 2.00900062039717])


def test_floor_below_zero_and_follow_through() -> None:
    params = {**FAMILY.source_instance(), "target": sympy.Rational(-1, 2)}
    assert FAMILY.solve(params)["loss_floor"] == sympy.Rational(1, 8)  # 1/2 (-1/2 - 0)^2
    # A student with y_hat = 1/2: E = 1/2 (1/2 - 5/2)^2 = 2, delta = (-2)(1/4) = -1/2.
    values = FAMILY.solve(FAMILY.source_instance(), given={"y_hat": sympy.Rational(1, 2)})
    assert values["error"] == 2
    assert values["grad"][2] == sympy.Rational(-1, 2)


def test_targets_inside_the_sigmoid_range_are_rejected() -> None:
    params = {**FAMILY.source_instance(), "target": sympy.Rational(1, 2)}
    assert any("[0, 1]" in p for p in FAMILY.violations(params))
