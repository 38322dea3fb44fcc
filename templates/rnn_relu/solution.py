"""Forward h_t = ReLU(z_t), z_t = V h_(t-1) + W x_t, and the derivatives of h3 through time.

Each quantity names the earlier states it uses, so a student's own h1, h2 carry into the later
parts (follow-through). ReLU'(z) is 1 for z > 0, 0 for z < 0 and the stated convention at 0.
"""

from __future__ import annotations

from typing import Any

import sympy

from generator.dag import quantity


def _relu(z: Any) -> Any:
    return sympy.Max(z, 0)


def _slope(z: Any, relu0: Any) -> Any:
    return sympy.Integer(1) if z > 0 else (sympy.Integer(relu0) if z == 0 else sympy.Integer(0))


@quantity
def z1(V: Any, W: Any, h0: Any, x: list[Any]) -> Any:
    return V * h0 + W * x[0]


@quantity
def h1(z1: Any) -> Any:
    return _relu(z1)


@quantity
def z2(V: Any, W: Any, h1: Any, x: list[Any]) -> Any:
    return V * h1 + W * x[1]


@quantity
def h2(z2: Any) -> Any:
    return _relu(z2)


@quantity
def z3(V: Any, W: Any, h2: Any, x: list[Any]) -> Any:
    return V * h2 + W * x[2]


@quantity
def h3(z3: Any) -> Any:
    return _relu(z3)


@quantity
def slopes(z1: Any, z2: Any, z3: Any, relu0: Any) -> list[Any]:
    """ReLU'(z1), ReLU'(z2), ReLU'(z3)."""
    return [_slope(z, relu0) for z in (z1, z2, z3)]


@quantity
def dh3_dV(V: Any, h0: Any, h1: Any, h2: Any, slopes: list[Any]) -> Any:
    d1 = slopes[0] * h0
    d2 = slopes[1] * (h1 + V * d1)
    return slopes[2] * (h2 + V * d2)


@quantity
def dh3_dW(V: Any, x: list[Any], slopes: list[Any]) -> Any:
    d1 = slopes[0] * x[0]
    d2 = slopes[1] * (x[1] + V * d1)
    return slopes[2] * (x[2] + V * d2)


@quantity
def dh3_dx1(V: Any, W: Any, slopes: list[Any]) -> Any:
    return slopes[2] * V * slopes[1] * V * slopes[0] * W
