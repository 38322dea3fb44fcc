"""TUM WS21 Problem 5: a 4 x 3 batch, columns (12, 14, 14, 12), (0, 10, 10, 0), (-5, 5, 5, -5)."""

import sympy

from generator.registry import default_registry

FAMILY = default_registry().get("batchnorm_forward")


def test_source_instance() -> None:
    values = FAMILY.solve(FAMILY.source_instance())
    # Column means 13, 5, 0; every entry is one deviation of 1, 5, 5 away: sigma = (1, 5, 5).
    assert values["mu"] == [13, 5, 0]
    assert values["sigma"] == [1, 5, 5]
    assert values["z_norm"] == [[-1, -1, -1], [1, 1, 1], [1, 1, 1], [-1, -1, -1]]
    # gamma = (1, 1, 1), beta = (0, -10, 10): the printed y (correct in the seed).
    assert values["y"] == [[-1, -11, 9], [1, -9, 11], [1, -9, 11], [-1, -11, 9]]


def test_fractional_normalized_values() -> None:
    # Column (5, -1, -1, -3) + 2: mean 2, variance (25 + 1 + 1 + 9)/4 = 9, sigma = 3.
    params = FAMILY.coerce(
        {
            "z": "[[7, 1, 0], [1, 1, 2], [1, -1, 0], [-1, -1, 2]]",
            "gamma": "[2, 1, -1]",
            "beta": "[1, 0, 0]",
        }
    )
    assert FAMILY.violations(params) == []
    values = FAMILY.solve(params)
    assert values["mu"] == [2, 0, 1]
    assert values["sigma"] == [3, 1, 1]
    assert [row[0] for row in values["z_norm"]] == [
        sympy.Rational(5, 3),
        sympy.Rational(-1, 3),
        sympy.Rational(-1, 3),
        -1,
    ]
    # y = 2 z_norm + 1 in the first column: 13/3, 1/3, 1/3, -1.
    assert [row[0] for row in values["y"]] == [
        sympy.Rational(13, 3),
        sympy.Rational(1, 3),
        sympy.Rational(1, 3),
        -1,
    ]


def test_constant_column_is_rejected() -> None:
    params = {**FAMILY.source_instance()}
    params["z"] = FAMILY.param("z").coerce("[[1, 0, 2], [1, 2, 4], [1, 0, 2], [1, 2, 4]]")
    assert any("sigma = 0" in p for p in FAMILY.violations(params))
