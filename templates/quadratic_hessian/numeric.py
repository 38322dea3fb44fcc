"""Independent path: central differences with one Richardson step, which is exact (up to
rounding) for polynomials of degree four; bisection for the 1-D minimiser; a real two-step run for
the second learning rate; Newton's method on the finite-difference gradient of E."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

H = 0.5
ITERATIONS = 200
Scalar = Callable[[np.ndarray], float]


def _richardson(difference: Callable[[float], Any]) -> Any:
    """Removes the h^2 error term; the next term (h^4) vanishes for degree <= 4 polynomials."""
    return (4 * np.asarray(difference(H / 2)) - np.asarray(difference(H))) / 3


def gradient(f: Scalar, point: np.ndarray) -> np.ndarray:
    eye = np.eye(len(point))
    return _richardson(lambda h: [(f(point + h * e) - f(point - h * e)) / (2 * h) for e in eye])


def hessian(f: Scalar, point: np.ndarray) -> np.ndarray:
    eye = np.eye(len(point))

    def second(h: float) -> list[list[float]]:
        return [
            [
                (
                    f(point + h * (ei + ej))
                    - f(point + h * (ei - ej))
                    - f(point - h * (ei - ej))
                    + f(point - h * (ei + ej))
                )
                / (4 * h * h)
                for ej in eye
            ]
            for ei in eye
        ]

    return _richardson(second)


def _bisect_root(df: Callable[[float], float], lo: float, hi: float) -> float:
    """Root of an increasing function between lo and hi."""
    for _ in range(ITERATIONS):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if df(mid) < 0 else (lo, mid)
    return (lo + hi) / 2


def _newton(f: Scalar, start: np.ndarray) -> np.ndarray:
    point = start
    for _ in range(100):
        step = np.linalg.solve(hessian(f, point), gradient(f, point))
        point = point - step
        if np.abs(step).max() < 1e-13 * max(1.0, np.abs(point).max()):
            break
    return point


def numeric(p: dict[str, Any]) -> dict[str, Any]:
    def f(x: float) -> float:
        return p["a"] / 2 * x**2 + p["b"] * x + p["c"]

    def df(x: float) -> float:
        return float(_richardson(lambda h: (f(x + h) - f(x - h)) / (2 * h)))

    x_star = _bisect_root(df, -1e3, 1e3)
    x1 = (x_star + 1) - p["eta1"] * df(x_star + 1)  # one step from x0 = x* + 1
    eta2 = (x1 - x_star) / df(x1)  # the step that lands x2 = x1 - eta2 f'(x1) on x*

    def g(z: np.ndarray) -> float:
        x, y = z
        return (
            p["p4"] * x**4 + p["p2"] * x**2 + p["q4"] * y**4 + p["q2"] * y**2
            + p["m"] * x * y + p["u"] * x + p["v"] * y
        )  # fmt: skip

    def e(z: np.ndarray) -> float:
        w1, w2 = z
        return (w1 - w2) ** 3 - 2 * (w1**2 - p["s"] * w2) + w1**2 + w2**2

    return {
        "a": x_star,
        "b": eta2,
        "c": gradient(g, np.array(p["P"], dtype=float)).tolist(),
        "d": hessian(g, np.array(p["Q1"], dtype=float)).tolist(),
        "f": hessian(g, np.array(p["Q2"], dtype=float)).tolist(),
        "h": _newton(e, np.array([0.0, 0.0])).tolist(),
    }
