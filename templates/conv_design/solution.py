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


# Names a student may use in ``K=22, S=2, P=0, F=6`` (the grader reads NAME=VALUE into a dict);
# the source's own form is number_of_kernels, kernel_size_h, kernel_size_w, stride, pad.
ALIASES = {
    "k": 0,
    "kernel": 0,
    "kernel_size": 0,
    "kernel_size_h": 0,
    "kernel_size_w": 0,
    "s": 1,
    "stride": 1,
    "p": 2,
    "pad": 2,
    "padding": 2,
    "f": 3,
    "filters": 3,
    "kernels": 3,
    "number_of_kernels": 3,
}


def _from_names(answer: dict[str, Any]) -> tuple[list[Any], list[str]]:
    """([K, S, P, F], problems) from named fields."""
    fields: dict[int, list[Any]] = {}
    for name, value in answer.items():
        index = ALIASES.get(str(name).lower())
        if index is None:
            return [], [f"unknown field {name!r} (use K, S, P, F)"]
        fields.setdefault(index, []).append(value)
    missing = [FIELDS[i] for i in range(len(FIELDS)) if i not in fields]
    if missing:
        return [], [f"missing {', '.join(missing)}"]
    if any(len({str(v) for v in values}) > 1 for values in fields.values()):
        return [], ["the kernel must be square (one size for height and width)"]
    return [fields[i][0] for i in range(len(FIELDS))], []


def _flat(answer: Any) -> Any:
    """A column (``(22; 2; 0; 6)``) or a one-row matrix reads as the plain vector."""
    if isinstance(answer, list | tuple) and all(isinstance(v, list | tuple) for v in answer):
        return [item for row in answer for item in _flat(row)]
    return answer


def check_design(answer: Any, params: dict[str, Any]) -> list[str]:
    """Problems with a proposed [K, S, P, F] (empty when the layer realises the mapping)."""
    if isinstance(answer, dict):
        answer, problems = _from_names(answer)
        if problems:
            return problems
    answer = _flat(answer)
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
