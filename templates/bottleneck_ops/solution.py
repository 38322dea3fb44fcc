"""Products per output value = weights feeding it; times output values = H W C_out."""

from __future__ import annotations

from typing import Any

import sympy

from generator.dag import quantity


@quantity
def pad_reduce() -> sympy.Integer:
    return sympy.Integer(0)


@quantity
def pad_main(kernel: Any) -> sympy.Integer:
    return sympy.Integer((kernel - 1) / 2)


@quantity
def mults_reduce(size: Any, in_depth: Any, mid_depth: Any) -> sympy.Integer:
    return sympy.Integer(size * size * mid_depth * in_depth)


@quantity
def mults_main(size: Any, kernel: Any, mid_depth: Any, out_depth: Any) -> sympy.Integer:
    return sympy.Integer(size * size * kernel**2 * mid_depth * out_depth)


@quantity
def mults_total(mults_reduce: Any, mults_main: Any) -> sympy.Integer:
    return sympy.Integer(mults_reduce + mults_main)


@quantity
def mults_direct(size: Any, kernel: Any, in_depth: Any, out_depth: Any) -> sympy.Integer:
    return sympy.Integer(size * size * kernel**2 * in_depth * out_depth)


@quantity
def saving(mults_direct: Any, mults_total: Any) -> sympy.Rational:
    """How many times fewer products the bottleneck needs (shown in the solution)."""
    return sympy.Rational(mults_direct, mults_total)


@quantity
def mlp_weights(mlp_patch: Any, mlp_channels: Any, mlp_hidden: Any, mlp_out: Any) -> sympy.Integer:
    return sympy.Integer(mlp_patch**2 * mlp_channels * mlp_hidden + mlp_hidden * mlp_out)


@quantity
def mlp_params(mlp_weights: Any, mlp_hidden: Any, mlp_out: Any) -> sympy.Integer:
    return sympy.Integer(mlp_weights + mlp_hidden + mlp_out)
