"""Forward pass h_t = w h_(t-1) + u x_t (linear hidden unit), then y_t = sigmoid(v h_t).

The outputs are computed from the hidden states of part a, so a student's own states earn
follow-through. Sigmoids of integers stay exact (1 / (1 + e^(-z))).
"""

from __future__ import annotations

from typing import Any

import sympy

from generator.dag import quantity


@quantity
def h(u: Any, w: Any, h_init: Any, x: list[Any]) -> list[Any]:
    result, previous = [], h_init
    for value in x:
        previous = w * previous + u * value
        result.append(previous)
    return result


@quantity
def z_out(v: Any, h: list[Any]) -> list[Any]:
    """Pre-activations v h_t of the output unit."""
    return [v * state for state in h]


@quantity
def y(z_out: list[Any]) -> list[Any]:
    return [1 / (1 + sympy.exp(-z)) for z in z_out]
