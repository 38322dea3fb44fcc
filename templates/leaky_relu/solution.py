"""lrelu(x) = x for x > 0 and alpha x otherwise; its derivative is 1 or alpha."""

from __future__ import annotations

from typing import Any

import sympy

from generator.dag import quantity


@quantity
def outputs(alpha: Any, inputs: list[Any]) -> list[Any]:
    return [x if x > 0 else alpha * x for x in inputs]


@quantity
def gradients(alpha: Any, inputs: list[Any]) -> list[Any]:
    return [sympy.Integer(1) if x > 0 else alpha for x in inputs]


@quantity
def pseudocode_forward(alpha: Any) -> str:
    """Part a's answer, printed in the solution."""
    return f"if x > 0: return x   else: return {float(alpha):g} * x"


@quantity
def pseudocode_gradient(alpha: Any) -> str:
    """Part b's answer, printed in the solution."""
    return f"if x > 0: return 1   else: return {float(alpha):g}"


@quantity
def activation_notes() -> str:
    """Part e's answer: the comparison the VIR 2022 activation question asks for."""
    return (
        "sigmoid: smooth, output in (0, 1), but saturates (vanishing gradients) and is not "
        "zero-centred; relu: cheap, no saturation for x > 0, sparse, but units can die (gradient 0 "
        "for x < 0); leaky relu: keeps a small gradient alpha for x < 0, so units do not die, at "
        "the price of one more hyper-parameter; elu: smooth, negative outputs push mean "
        "activations towards 0, but needs an exponential."
    )
