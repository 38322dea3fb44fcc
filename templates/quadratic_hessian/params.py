"""Three small surfaces: a 1-D quadratic, a 2-D polynomial and the BITS cubic error surface.

1-D: f(x) = a/2 x^2 + b x + c, first step with learning rate eta1 != 1/a (else any second step
works). 2-D: g(x, y) = p4 x^4 + p2 x^2 + q4 y^4 + q2 y^2 + m x y + u x + v y, drawn either as the
separable quartic x^4 - 2 al^2 x^2 + y^4 - 2 be^2 y^2 (critical points at 0 and +-al, +-be) or as a
quadratic whose critical point is an integer point.
E(w) = (w1 - w2)^3 - 2 (w1^2 - s w2) + w1^2 + w2^2.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from generator.params import Integer, Rational, Vector

PARAMS = (
    Integer("a", 1, 40, doc="curvature of the 1-D quadratic f = a/2 x^2 + b x + c"),
    Integer("b", -20, 20, doc="linear coefficient of f"),
    Integer("c", -20, 20, doc="constant of f"),
    Rational("eta1", 0, 2, denominators=(1, 2, 4, 5, 10), doc="learning rate of the first step"),
    Integer("p4", 0, 2, doc="coefficient of x^4 in g"),
    Integer("p2", -64, 64, doc="coefficient of x^2 in g"),
    Integer("q4", 0, 2, doc="coefficient of y^4 in g"),
    Integer("q2", -64, 64, doc="coefficient of y^2 in g"),
    Integer("m", -6, 6, doc="coefficient of x y in g"),
    Integer("u", -40, 40, doc="coefficient of x in g"),
    Integer("v", -40, 40, doc="coefficient of y in g"),
    Vector("P", length=2, doc="point where the gradient of g is asked"),
    Vector(
        "Q1",
        length=2,
        element=Rational("Q1", -6, 6, denominators=(1, 2)),
        doc="first point to classify",
    ),
    Vector(
        "Q2",
        length=2,
        element=Rational("Q2", -6, 6, denominators=(1, 2)),
        doc="second point to classify",
    ),
    Integer("s", -3, 3, doc="the linear term -2 (w1^2 - s w2) of the error surface E"),
)
# BITS: 0.5*25x^2 + 16x + 12 with eta1 = 1; x^4 - 32x^2 + y^4 - 18y^2 at (2, 2), (0, 0) and
# (4, 3); E = (w1 - w2)^3 - 2(w1^2 - w2) + w1^2 + w2^2.
SOURCE = {
    "a": 25, "b": 16, "c": 12, "eta1": 1,
    "p4": 1, "p2": -32, "q4": 1, "q2": -18, "m": 0, "u": 0, "v": 0,
    "P": "[2, 2]", "Q1": "[0, 0]", "Q2": "[4, 3]", "s": 1,
}  # fmt: skip
CURVATURES = tuple(range(2, 61))  # the second step's rate is 1/a: many keys, all by hand
QUARTIC_SHARE = 0.75  # a quadratic g has the same Hessian at Q1 and Q2 (a lesson, not always)
ATTEMPTS = 200
FIRST_RATES = ("1/10", "1/5", "1/4", "1/2", "1")


def _hessian(p: dict[str, Any], x: int, y: int) -> tuple[int, int, int]:
    """(g_xx, g_xy, g_yy) at (x, y)."""
    return (
        12 * p["p4"] * x * x + 2 * p["p2"],
        p["m"],
        12 * p["q4"] * y * y + 2 * p["q2"],
    )


def _gradient(p: dict[str, Any], x: int, y: int) -> tuple[int, int]:
    return (
        4 * p["p4"] * x**3 + 2 * p["p2"] * x + p["m"] * y + p["u"],
        4 * p["q4"] * y**3 + 2 * p["q2"] * y + p["m"] * x + p["v"],
    )


def constraints(p: dict[str, Any]) -> list[str]:
    problems = []
    if p["a"] * p["eta1"] == 1:
        problems.append("eta1 = 1/a reaches the minimum in one step: any second step would do")
    if p["eta1"] <= 0:
        problems.append("the first learning rate must be positive")
    if p["Q1"] == p["Q2"]:
        problems.append("the two points to classify must differ")
    for name in ("Q1", "Q2"):
        x, y = p[name]
        gxx, gxy, gyy = _hessian(p, x, y)
        if _gradient(p, x, y) == (0, 0) and gxx * gyy - gxy * gxy == 0:
            problems.append(f"the Hessian at the critical point {name} is singular (no verdict)")
    if _gradient(p, *p["P"]) == (0, 0):
        problems.append("the gradient at P is zero: ask it at a point where it is not")
    if p["s"] == 0:
        problems.append("s must be non-zero: E would have its critical point at the origin")
    return problems


def _quartic(rng: np.random.Generator) -> dict[str, Any]:
    al, be = (int(v) for v in rng.choice((1, 2, 3, 4), size=2, replace=False))
    xs, ys = (0, al, -al), (0, be, -be)
    points = [(x, y) for x in xs for y in ys]
    points += [(x, y) for x in (1, 2, -1) for y in (1, 2) if abs(x) != al and y != be][:2]
    first, second = rng.choice(len(points), size=2, replace=False)
    return {
        "p4": 1, "p2": -2 * al * al, "q4": 1, "q2": -2 * be * be, "m": 0, "u": 0, "v": 0,
        "Q1": list(points[int(first)]), "Q2": list(points[int(second)]),
    }  # fmt: skip


def _quadratic(rng: np.random.Generator) -> dict[str, Any]:
    """A x^2 + m x y + C y^2 + u x + v y with the integer critical point z (so u, v = -H z)."""
    big_a, big_c = (int(v) for v in rng.choice((-3, -2, -1, 0, 1, 2, 3), size=2))
    m = int(rng.choice((-4, -3, -2, -1, 1, 2, 3, 4)))
    z = [int(v) for v in rng.integers(-3, 4, size=2)]
    u = -(2 * big_a * z[0] + m * z[1])
    v = -(m * z[0] + 2 * big_c * z[1])
    other = [z[0] + int(rng.choice((-2, -1, 1, 2))), z[1] + int(rng.integers(-2, 3))]
    pair = [z, other] if rng.integers(2) else [other, z]
    return {
        "p4": 0, "p2": big_a, "q4": 0, "q2": big_c, "m": m, "u": u, "v": v,
        "Q1": pair[0], "Q2": pair[1],
    }  # fmt: skip


def sample(rng: np.random.Generator) -> dict[str, Any]:
    """x* = -b/a is never 0, +-1 or 1/a, the gradient at P has no zero component, and in the quartic
    surfaces the Hessians at Q1 and Q2 differ (they are equal everywhere for a quadratic g)."""
    quartic = rng.random() < QUARTIC_SHARE
    surface = _quartic(rng) if quartic else _quadratic(rng)
    for _ in range(ATTEMPTS):
        if not quartic or _hessian(surface, *surface["Q1"]) != _hessian(surface, *surface["Q2"]):
            break
        surface = _quartic(rng)
    a = int(rng.choice(CURVATURES))
    b = int(rng.choice([b for b in range(-20, 21) if b not in (0, -1, a, -a)]))  # (b) = (a) at -1
    point = [0, 0]
    for _ in range(ATTEMPTS):
        point = [int(v) for v in rng.integers(-3, 4, size=2)]
        if 0 not in _gradient(surface, *point):
            break
    return {
        "a": a,
        "b": b,
        "c": int(rng.integers(-20, 21)),
        "eta1": FIRST_RATES[int(rng.integers(len(FIRST_RATES)))],
        **surface,
        "P": point,
        "s": int(rng.choice((-3, -2, -1, 1, 2, 3))),
    }
