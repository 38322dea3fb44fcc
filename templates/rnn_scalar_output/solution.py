"""Forward h1, h2, y2 = v h2 and dy2/du = v ReLU'(z2) (h1 + u ReLU'(z1) h0).

dy2/du uses the quantity h1 and the states' pre-activations, and y2 uses h2, so a student's own
forward values carry into the later parts.
"""

from __future__ import annotations

from typing import Any

import sympy

from generator.dag import quantity


def _slope(z: Any) -> sympy.Integer:
    """ReLU'(z); the constraints keep z away from 0."""
    return sympy.Integer(1) if z > 0 else sympy.Integer(0)


@quantity
def z1(u: Any, w: Any, h0: Any, x: list[Any]) -> Any:
    return u * h0 + w * x[0]


@quantity
def h1(z1: Any) -> Any:
    return sympy.Max(z1, 0)


@quantity
def z2(u: Any, w: Any, h1: Any, x: list[Any]) -> Any:
    return u * h1 + w * x[1]


@quantity
def h2(z2: Any) -> Any:
    return sympy.Max(z2, 0)


@quantity
def y2(v: Any, h2: Any) -> Any:
    return v * h2


@quantity
def dy2_du(u: Any, v: Any, h0: Any, h1: Any, z1: Any, z2: Any) -> Any:
    return v * _slope(z2) * (h1 + u * _slope(z1) * h0)
