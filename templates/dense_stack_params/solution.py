"""A Dense layer from a to b units has a b weights, plus b biases unless use_bias=False."""

from __future__ import annotations

from typing import Any

import sympy

from generator.dag import quantity


def _dense(fan_in: Any, units: Any, bias: Any) -> sympy.Integer:
    return sympy.Integer(fan_in * units + (units if bias else 0))


@quantity
def layer1(inputs: Any, hidden: list[Any], bias: list[Any]) -> sympy.Integer:
    return _dense(inputs, hidden[0], bias[0])


@quantity
def layer2(hidden: list[Any], bias: list[Any]) -> sympy.Integer:
    return _dense(hidden[0], hidden[1], bias[1])


@quantity
def layer3(hidden: list[Any], bias: list[Any]) -> sympy.Integer:
    return _dense(hidden[1], hidden[2], bias[2])


@quantity
def output_layer(hidden: list[Any], outputs: Any, bias: list[Any]) -> sympy.Integer:
    return _dense(hidden[2], outputs, bias[3])


@quantity
def total(layer1: Any, layer2: Any, layer3: Any, output_layer: Any) -> sympy.Integer:
    return sympy.Integer(layer1 + layer2 + layer3 + output_layer)
