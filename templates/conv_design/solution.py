"""A conv layer with kernel K, stride S, zero padding P and F kernels maps H x H x C_in to
(floor((H + 2P - K)/S) + 1)^2 x F. Any design reaching the target with every window overlapping the
input (P < K) is correct. The key shows the smallest kernel with an exact formula and padding at
most (K - 1)/2: that bound means (H_out - 1) S <= H - 1 whatever P is, so the key takes P = 0 and
the largest such stride, S = floor((H - 1)/(H_out - 1)), K = H - (H_out - 1) S.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sympy

from generator.dag import quantity

FIELDS = ("kernel size K", "stride S", "padding P", "number of kernels F")


def _as_integer(value: Any) -> int | None:
    """A whole number from an already parsed answer entry (never parses text itself)."""
    if isinstance(value, bool) or not isinstance(value, int | float | sympy.Basic):
        return None
    number = sympy.Rational(value) if isinstance(value, int | float) else value
    if not number.is_number or not number.is_integer:
        return None
    return int(number)


def check_design(answer: Any, params: dict[str, Any]) -> list[str]:
    """Problems with a proposed [K, S, P, F] (empty when the layer realises the mapping)."""
    if not isinstance(answer, Sequence) or isinstance(answer, str) or len(answer) != len(FIELDS):
        return ["expected four numbers [K, S, P, F]"]
    values = [_as_integer(v) for v in answer]
    problems = [
        f"{name} must be a whole number"
        for name, v in zip(FIELDS, values, strict=True)
        if v is None
    ]
    if problems:
        return problems
    k, s, p, f = (int(v) for v in values if v is not None)
    h, target = int(params["in_size"]), int(params["out_size"])
    if k < 1 or s < 1 or f < 1:
        problems.append("K, S and F must be at least 1")
    if p < 0:
        problems.append("P cannot be negative")
    if problems:
        return problems
    if p >= k:
        problems.append(f"with P = {p} >= K = {k} the corner windows see only padding")
    if h + 2 * p < k:
        problems.append("the kernel is larger than the padded input")
    elif (h + 2 * p - k) // s + 1 != target:
        problems.append(
            f"floor(({h} + 2*{p} - {k})/{s}) + 1 = {(h + 2 * p - k) // s + 1}, not {target}"
        )
    if f != params["out_channels"]:
        problems.append(f"{f} kernels give {f} output channels, not {params['out_channels']}")
    return problems


@quantity
def example_design(in_size: int, out_size: int, out_channels: int) -> list[sympy.Integer]:
    stride = (in_size - 1) // (out_size - 1)
    kernel = in_size - (out_size - 1) * stride
    return [sympy.Integer(v) for v in (kernel, stride, 0, out_channels)]
