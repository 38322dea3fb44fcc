"""z = y w.x, L = exp(-z), dL/dw = -exp(-z) y x, SGD step w - eta dL/dw = w + eta exp(-z) y x.

Each part is computed from the previous part's quantity (loss from z, the step from the
gradient), so a student's own earlier answer earns follow-through.
"""

from __future__ import annotations

from typing import Any

import sympy

from generator.dag import quantity


@quantity
def z(w: list[Any], x: list[Any], y: Any) -> Any:
    return y * sum((wi * xi for wi, xi in zip(w, x, strict=True)), sympy.Integer(0))


@quantity
def loss_value(z: Any) -> Any:
    return sympy.exp(-z)


@quantity
def grad_w(loss_value: Any, y: Any, x: list[Any]) -> list[Any]:
    """dL/dz = -exp(-z) = -L, dz/dw = y x."""
    return [-loss_value * y * xi for xi in x]


@quantity
def delta_w(eta: Any, grad_w: list[Any]) -> list[Any]:
    return [-eta * g for g in grad_w]


@quantity
def w_new(w: list[Any], delta_w: list[Any]) -> list[Any]:
    return [wi + d for wi, d in zip(w, delta_w, strict=True)]
