"""BITS questions solved by hand.

3 B: f = 12.5 x^2 + 16 x + 12, f' = 25 x + 16, x* = -16/25; x2 - x* = (1 - 25 eta2)(x1 - x*), so
eta2 = 1/25 (the seed prints 1/25, correct).
5: g = x^4 - 32 x^2 + y^4 - 18 y^2, grad = (4x^3 - 64x, 4y^3 - 36y) = (32 - 128, 32 - 72) at (2, 2)
= (-96, -40). The seed prints dg/dy = 4y^3 - 36x: the last term is 36y. Hessian diag(12x^2 - 64,
12y^2 - 36): (0, 0) -> diag(-64, -36), a maximum; (4, 3) -> diag(128, 72), a minimum.
2: f = 2 x1 x2 + 3 x1 + 4 x2 has gradient (2 x2 + 3, 2 x1 + 4) = (3, 4) at (0, 0) and (5, 6) at
(1, 1): neither is a critical point. The seed calls (0, 0) a critical point with Hessian
[[0, 2], [2, 0]] of eigenvalues 1 and -1; the gradient there is (3, 4), and the eigenvalues of that
matrix are +-2. The only critical point is (-2, -3/2), a saddle.
6: E = (w1 - w2)^3 - 2(w1^2 - w2) + w1^2 + w2^2: the gradient equations 3d^2 - 2 w1 = 0 and
-3d^2 + 2 w2 + 2 = 0 (d = w1 - w2; the seed's equations are right) add to d = 1, so w1 = 3/2,
w2 = 1/2; the Hessian block [[4, -6], [-6, 8]] has det -4: a saddle, and E has no minimum.
"""

import numpy as np
import sympy

from generator.family import Family
from generator.registry import default_registry
from generator.variants import family_hash

R = sympy.Rational


def _family() -> Family:
    return default_registry().get("quadratic_hessian")


def test_source_instance_matches_hand_solution() -> None:
    family = _family()
    values = family.solve(family.source_instance())
    assert values["x_star"] == R(-16, 25)
    assert values["eta2"] == R(1, 25)
    assert values["grad_p"] == [-96, -40]
    assert values["hess_q1"] == [[-64, 0], [0, -36]]
    assert values["type_q1"] == "B"
    assert values["hess_q2"] == [[128, 0], [0, 72]]
    assert values["type_q2"] == "A"
    assert values["e_critical"] == [R(3, 2), R(1, 2)]
    assert values["e_hessian"] == [[4, -6], [-6, 8]]
    assert values["e_type"] == "C"


def test_bits_bilinear_points_are_not_critical() -> None:
    family = _family()
    params = family.coerce(
        {**family.source_params, "p4": 0, "p2": 0, "q4": 0, "q2": 0, "m": 2, "u": 3, "v": 4,
         "P": "[1, 1]", "Q1": "[0, 0]", "Q2": "[-2, -3/2]"}
    )  # fmt: skip
    values = family.solve(params)
    assert values["grad_q1"] == [3, 4]
    assert values["type_q1"] == "D"
    assert values["hess_q2"] == [[0, 2], [2, 0]]
    assert values["type_q2"] == "C"


def test_type_follows_the_students_hessian() -> None:
    family = _family()
    # A student who wrote a negative (0, 0)-entry at (4, 3) gets "saddle" as the consistent verdict.
    values = family.solve(family.source_instance(), given={"hess_q2": [[-128, 0], [0, 72]]})
    assert values["type_q2"] == "C"


def test_gradient_of_e_is_its_derivative() -> None:
    family = _family()
    w1, w2, w3 = sympy.symbols("w1 w2 w3")
    for s in (-2, 1, 3):
        e = (w1 - w2) ** 3 - 2 * (w1**2 - s * w2) + w1**2 + w2**2
        values = family.solve({**family.source_instance(), "s": sympy.Integer(s)})
        assert [
            sympy.expand(d - sympy.diff(e, w))
            for d, w in zip(values["grad_e"], (w1, w2, w3), strict=True)
        ] == [0, 0, 0]


def _brute_force_type(params: dict, point: list) -> str:
    """Compare g on small circles around the point with its value there."""
    coeff = {k: float(params[k]) for k in ("p4", "p2", "q4", "q2", "m", "u", "v")}

    def g(x: np.ndarray | float, y: np.ndarray | float) -> np.ndarray | float:
        return (
            coeff["p4"] * x**4 + coeff["p2"] * x**2 + coeff["q4"] * y**4 + coeff["q2"] * y**2
            + coeff["m"] * x * y + coeff["u"] * x + coeff["v"] * y
        )  # fmt: skip

    x0, y0 = (float(v) for v in point)
    angles = np.linspace(0, 2 * np.pi, 360, endpoint=False)

    def change(radius: float) -> np.ndarray:
        around = g(x0 + radius * np.cos(angles), y0 + radius * np.sin(angles))
        return np.asarray(around) - g(x0, y0)

    delta = change(1e-2)
    if (delta > 0).all():
        return "A"
    if (delta < 0).all():
        return "B"
    # Off a critical point g changes linearly with the radius, at a saddle quadratically.
    growth = np.abs(delta).max() / np.abs(change(1e-3)).max()
    return "C" if growth > 50 else "D"


def test_types_agree_with_a_brute_force_look_around() -> None:
    family = _family()
    for seed in range(60):
        rng = np.random.default_rng(np.random.SeedSequence([seed, family_hash(family.id)]))
        params = family.draw(rng)
        values = family.solve(params)
        # Compared by meaning: the options are printed in a shuffled order (the look-around
        # answers in the family's own order, option_order = 0).
        written = family.solve({**params, "option_order": sympy.Integer(0)})["type_options"]
        for key, point in (("type_q1", "Q1"), ("type_q2", "Q2")):
            chosen = values["type_options"]["ABCD".index(values[key])]
            expected = written["ABCD".index(_brute_force_type(params, params[point]))]
            assert chosen == expected, params
