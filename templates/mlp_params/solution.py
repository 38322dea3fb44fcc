"""A dense layer from a to b units has (a + 1) b parameters; L hidden layers give L - 1 hidden-to-
hidden layers between the input layer and the output layer."""

from __future__ import annotations

from typing import Any

import sympy

from generator.dag import quantity


def _dense(fan_in: Any, units: Any) -> sympy.Integer:
    return sympy.Integer((fan_in + 1) * units)


@quantity
def first_layer(inputs: Any, width: Any) -> sympy.Integer:
    return _dense(inputs, width)


@quantity
def hidden_layer(width: Any) -> sympy.Integer:
    return _dense(width, width)


@quantity
def output_layer(width: Any) -> sympy.Integer:
    return _dense(width, 1)


@quantity
def total(first_layer: Any, hidden_layer: Any, output_layer: Any, layers: Any) -> sympy.Integer:
    return sympy.Integer(first_layer + (layers - 1) * hidden_layer + output_layer)
