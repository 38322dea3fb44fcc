"""The perceptron rule, one pass over the examples in order.

For example k: net input z = w.x + b with the weights before it; output h = +1 if z >= theta,
else -1; then Delta w = eta (t - h) x and Delta b = eta (t - h), which is 0 when h = t and
+-2 eta (times x) otherwise. The net inputs come from the running weights; the outputs follow
from the net inputs, the weights after each example from the outputs (so a student's own outputs
give the follow-through weights).
"""

from __future__ import annotations

from typing import Any

import sympy

from generator.dag import quantity


def _fire(z: sympy.Expr, theta: sympy.Expr) -> sympy.Integer:
    return sympy.Integer(1) if z >= theta else sympy.Integer(-1)


def _update(state: list[Any], x: list[Any], t: Any, h: Any, lr: Any) -> list[Any]:
    """[b, w1, w2] after one example: the bias sees a constant input 1."""
    delta = lr * (t - h)
    return [state[0] + delta, state[1] + delta * x[0], state[2] + delta * x[1]]


def _net(state: list[Any], x: list[Any]) -> sympy.Expr:
    return state[1] * x[0] + state[2] * x[1] + state[0]


@quantity
def initial(b0: sympy.Expr, w0: list[sympy.Expr]) -> list[sympy.Expr]:
    return [b0, *w0]


@quantity
def net_inputs(
    initial: list[sympy.Expr], X: list[list[Any]], t: list[Any], lr: sympy.Expr, theta: sympy.Expr
) -> list[sympy.Expr]:
    state, nets = initial, []
    for x, target in zip(X, t, strict=True):
        z = _net(state, x)
        nets.append(z)
        state = _update(state, x, target, _fire(z, theta), lr)
    return nets


@quantity
def outputs(net_inputs: list[sympy.Expr], theta: sympy.Expr) -> list[sympy.Integer]:
    return [_fire(z, theta) for z in net_inputs]


@quantity
def weights_after(
    initial: list[sympy.Expr],
    outputs: list[Any],
    X: list[list[Any]],
    t: list[Any],
    lr: sympy.Expr,
) -> list[list[sympy.Expr]]:
    """Rows [b, w1, w2] after examples 1..4."""
    state, rows = initial, []
    for x, target, h in zip(X, t, outputs, strict=True):
        state = _update(state, x, target, h, lr)
        rows.append(state)
    return rows


@quantity
def states_before(initial: list[Any], weights_after: list[list[Any]]) -> list[list[Any]]:
    """[b, w1, w2] in effect for each example (for the solution's table)."""
    return [initial, *weights_after[:-1]]


@quantity
def places(lr: sympy.Expr) -> int:
    """Decimals to show: every value is a multiple of 0.1, or of 0.01 when eta has two decimals."""
    return 1 if (lr * 10).is_integer else 2
