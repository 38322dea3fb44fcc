"""Forward z_t = theta1 x_t + theta2 z_(t-1), then backpropagation through time.

The derivative of each state is carried forward (dz_t/dtheta1 = x_t + theta2 dz_(t-1)/dtheta1,
dz_t/dtheta2 = z_(t-1) + theta2 dz_(t-1)/dtheta2), and the loss L = sum_t (z_t - y_t)^2 over the
loss nodes adds 2 (z_t - y_t) dz_t/dtheta. The gradients use the forward states of part a, so a
student's own states earn follow-through.
"""

from __future__ import annotations

from typing import Any

import sympy

from generator.dag import quantity


@quantity
def z(theta1: Any, theta2: Any, z0: Any, x: list[Any]) -> list[Any]:
    states, previous = [], z0
    for value in x:
        previous = theta1 * value + theta2 * previous
        states.append(previous)
    return states


@quantity
def loss_steps(loss: str, x: list[Any]) -> list[int]:
    """Indices t (from 0) of the time steps that carry an L2 loss node."""
    return list(range(len(x))) if loss == "all" else [len(x) - 1]


@quantity
def loss_value(z: list[Any], y: list[Any], loss_steps: list[int]) -> sympy.Expr:
    return sympy.Integer(0) + sum((z[t] - y[t]) ** 2 for t in loss_steps)


@quantity
def dz_dtheta1(theta2: Any, x: list[Any]) -> list[Any]:
    result, previous = [], sympy.Integer(0)
    for value in x:
        previous = value + theta2 * previous
        result.append(previous)
    return result


@quantity
def dz_dtheta2(theta2: Any, z0: Any, z: list[Any]) -> list[Any]:
    result, previous, before = [], sympy.Integer(0), z0
    for state in z:
        previous = before + theta2 * previous
        result.append(previous)
        before = state
    return result


def _chain(z: list[Any], y: list[Any], steps: list[int], dz: list[Any]) -> sympy.Expr:
    return sympy.Integer(0) + sum(2 * (z[t] - y[t]) * dz[t] for t in steps)


@quantity
def grad_theta1(z: list[Any], y: list[Any], loss_steps: list[int], dz_dtheta1: list[Any]) -> Any:
    return _chain(z, y, loss_steps, dz_dtheta1)


@quantity
def grad_theta2(z: list[Any], y: list[Any], loss_steps: list[int], dz_dtheta2: list[Any]) -> Any:
    return _chain(z, y, loss_steps, dz_dtheta2)
