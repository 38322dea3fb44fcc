"""r_1 = f_1 and r_k = r_{k-1} + (s_1 ... s_{k-1}) (f_k - 1): each new layer widens the field by
f_k - 1 steps of the previous layer, one step being the product of the strides before it."""

from __future__ import annotations

import sympy

from generator.dag import quantity


@quantity
def r1(filters: list[int]) -> sympy.Integer:
    return sympy.Integer(filters[0])


@quantity
def jump2(strides: list[int]) -> sympy.Integer:
    """Input pixels between neighbouring outputs of layer 1."""
    return sympy.Integer(strides[0])


@quantity
def jump3(strides: list[int]) -> sympy.Integer:
    return sympy.Integer(strides[0] * strides[1])


@quantity
def r2(r1: int, jump2: int, filters: list[int]) -> sympy.Integer:
    return sympy.Integer(r1 + jump2 * (filters[1] - 1))


@quantity
def r3(r2: int, jump3: int, filters: list[int]) -> sympy.Integer:
    return sympy.Integer(r2 + jump3 * (filters[2] - 1))
