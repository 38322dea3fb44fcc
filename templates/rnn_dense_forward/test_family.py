"""BITS end-sem 2022-23 Q2 (b), pinned to values computed by hand and with mpmath.

x = [0.5, 0.6], h0 = [0.3, 0.4], every weight and bias 0.2, full 2x2 matrices:
    a = 0.2(0.3 + 0.4) + 0.2(0.5 + 0.6) + 0.2 = 0.14 + 0.22 + 0.2 = 0.56 for both units,
    h1 = tanh(0.56) ~ 0.507977 (both), z = 0.2 * 2 * 0.507977 + 0.2 ~ 0.403191,
    y = sigma(0.403191) ~ 0.599454, dy/dw_hy = y (1 - y) h1 ~ 0.121970 (both).
The seed prints y ~ 0.556275: it multiplies element-wise ([0.06, 0.08] + [0.1, 0.12] + [0.2,
0.2]), then drops the input and bias terms (tanh(0.06), tanh(0.08)), and writes 0.025993 for
0.2 (0.059964 + 0.079995) = 0.027992. Even its own element-wise reading gives
h = tanh([0.36, 0.4]) ~ [0.345214, 0.379949] and y ~ 0.585412, not 0.556275.
"""

import math

import sympy

from generator.registry import default_registry

FAMILY = default_registry().get("rnn_dense_forward")


def test_source_step() -> None:
    values = FAMILY.solve(FAMILY.source_instance())
    assert values["a"] == [sympy.Rational(14, 25), sympy.Rational(14, 25)]
    assert all(math.isclose(float(v), 0.507977432897896, rel_tol=1e-12) for v in values["h"])
    assert math.isclose(float(values["z"]), 0.403190973159159, rel_tol=1e-12)
    assert math.isclose(float(values["y"]), 0.59945408369878, rel_tol=1e-12)
    assert all(
        math.isclose(float(v), 0.121969895137974, rel_tol=1e-12) for v in values["grad_w_hy"]
    )


def test_matrix_rows_feed_units() -> None:
    # Only unit 1 sees x^(2) (W_xh[0][1] = 1); unit 2 sees only its own previous state.
    params = FAMILY.coerce(
        {
            "x": "[0, 1]",
            "h0": "[0.5, 0.5]",
            "W_hh": "[[0, 0], [0, 1]]",
            "W_xh": "[[0, 1], [0, 0]]",
            "b_h": "[0, 0.1]",
            "w_hy": "[1, 1]",
            "b_y": "0",
        }
    )
    assert FAMILY.solve(params)["a"] == [1, sympy.Rational(3, 5)]


def test_later_parts_follow_a_students_state() -> None:
    half = sympy.Rational(1, 2)
    values = FAMILY.solve(FAMILY.source_instance(), given={"h": [half, half]})
    assert values["z"] == sympy.Rational(2, 5)  # 0.2 * 0.5 * 2 + 0.2
    assert [FAMILY.dependencies(FAMILY.part(p)) for p in "bcde"] == [
        ["a"],
        ["b"],
        ["c"],
        ["b", "d"],
    ]


def test_degenerate_variants_are_rejected() -> None:
    source = FAMILY.source_instance()
    zero = sympy.Integer(0)
    assert any("output weight" in p for p in FAMILY.violations({**source, "w_hy": [zero, zero]}))
    fine = {**source, "b_h": [sympy.Rational(-4, 25), sympy.Rational(1, 5)]}
    assert FAMILY.violations(fine) == []  # a^(1) = 0.36 - 0.16 = 0.2
    cancel = {**source, "b_h": [sympy.Rational(-2, 5), sympy.Rational(1, 5)]}  # a^(1) = -0.04
    assert any("too close to 0" in p for p in FAMILY.violations(cancel))
