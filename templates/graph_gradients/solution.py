"""Forward values and backward gradients ∂f/∂(node) on each function's computational graph.

Graphs (node names as in the question):
  relu_affine  p = a·x, q = b·y, r = p + q, s = r + c, f = relu(s)
  sigmoid      p = −z, q = e^p, r = 1 + q, f = 1/r
  polynomial   p = x², q = p², u = m·p, r = y², s = r², v = n·r, f = q + u + s + v
The backward pass multiplies each node's upstream gradient by its local gradient, summing over
the edges that leave a node (p feeds q and u in the polynomial).
"""

from __future__ import annotations

from typing import Any

import sympy

from generator.compgraph import Node, tikz
from generator.dag import quantity
from generator.formatting import Latex, latex


@quantity
def forward(
    function: str, a: Any, b: Any, c: Any, x: Any, y: Any, z: Any, m: Any, n: Any
) -> dict[str, Any]:
    """The value of every node, inputs included."""
    if function == "relu_affine":
        p, q = a * x, b * y
        s = p + q + c
        return {
            "a": a,
            "b": b,
            "c": c,
            "x": x,
            "y": y,
            "p": p,
            "q": q,
            "r": p + q,
            "s": s,
            "f": sympy.Max(s, 0),
        }
    if function == "sigmoid":
        q = sympy.exp(-z)
        return {"z": z, "p": -z, "q": q, "r": 1 + q, "f": 1 / (1 + q)}
    p, r = x**2, y**2
    u, v = m * p, n * r
    return {
        "x": x,
        "y": y,
        "p": p,
        "q": p**2,
        "u": u,
        "r": r,
        "s": r**2,
        "v": v,
        "f": p**2 + u + r**2 + v,
    }


@quantity
def f_value(forward: dict[str, Any]) -> Any:
    return forward["f"]


@quantity
def backward(function: str, forward: dict[str, Any], m: Any, n: Any) -> dict[str, Any]:
    """∂f/∂(node) for every node, from the output back to the inputs."""
    v = forward
    if function == "relu_affine":
        ds = sympy.Integer(1) if v["s"] > 0 else sympy.Integer(0)  # s = 0 is excluded
        return {
            "f": 1,
            "s": ds,
            "r": ds,
            "c": ds,
            "p": ds,
            "q": ds,
            "a": ds * v["x"],
            "x": ds * v["a"],
            "b": ds * v["y"],
            "y": ds * v["b"],
        }
    if function == "sigmoid":
        dr = -1 / v["r"] ** 2
        dp = dr * v["q"]  # ∂q/∂p = e^p = q
        return {"f": 1, "r": dr, "q": dr, "p": dp, "z": -dp}
    dp = 2 * v["p"] + m  # through q = p² and u = m·p
    dr = 2 * v["r"] + n
    return {
        "f": 1,
        "q": 1,
        "u": 1,
        "s": 1,
        "v": 1,
        "p": dp,
        "r": dr,
        "x": dp * 2 * v["x"],
        "y": dr * 2 * v["y"],
    }


GRADIENT_OF = {"relu_affine": "abc", "sigmoid": "rqpz", "polynomial": "xy"}


@quantity
def gradient_names(function: str) -> str:
    """The nodes whose gradients the question asks for, in the order of the answer vector."""
    return GRADIENT_OF[function]


@quantity
def gradient(gradient_names: str, backward: dict[str, Any]) -> list[Any]:
    return [backward[name] for name in gradient_names]


@quantity
def gradient_labels(gradient_names: str) -> list[str]:
    """What each entry of the answer vector is, for keys.json readers (``df/dx``, ``df/dy``)."""
    return [f"df/d{name}" for name in gradient_names]


LAYOUT: dict[str, list[tuple[str, str, tuple[float, float], bool]]] = {
    # name, label, position, is an operator
    "relu_affine": [
        ("a", "a", (0, 2.1), False),
        ("x", "x", (0, 0.9), False),
        ("b", "b", (0, -0.9), False),
        ("y", "y", (0, -2.1), False),
        ("p", r"\times", (2.0, 1.5), True),
        ("q", r"\times", (2.0, -1.5), True),
        ("r", "+", (4.0, 0), True),
        ("c", "c", (4.0, -2.1), False),
        ("s", "+", (6.0, 0), True),
        ("f", r"\mathrm{relu}", (8.0, 0), True),
    ],
    "sigmoid": [
        ("z", "z", (0, 0), False),
        ("p", r"\times(-1)", (2.0, 0), True),
        ("q", r"\exp", (4.0, 0), True),
        ("r", "+1", (6.0, 0), True),
        ("f", "1/r", (8.0, 0), True),
    ],
    "polynomial": [
        ("x", "x", (0, 2.0), False),
        ("y", "y", (0, -2.0), False),
        ("p", "(\\cdot)^2", (2.0, 2.0), True),
        ("r", "(\\cdot)^2", (2.0, -2.0), True),
        ("q", "(\\cdot)^2", (4.2, 3.0), True),
        ("u", r"\times <m>", (4.2, 1.0), True),
        ("s", "(\\cdot)^2", (4.2, -1.0), True),
        ("v", r"\times <n>", (4.2, -3.0), True),
        ("f", "+", (6.6, 0), True),
    ],
}
EDGES = {
    "relu_affine": [
        ("a", "p"),
        ("x", "p"),
        ("b", "q"),
        ("y", "q"),
        ("p", "r"),
        ("q", "r"),
        ("r", "s"),
        ("c", "s"),
        ("s", "f"),
        ("f", "out"),
    ],
    "sigmoid": [("z", "p"), ("p", "q"), ("q", "r"), ("r", "f"), ("f", "out")],
    "polynomial": [
        ("x", "p"),
        ("y", "r"),
        ("p", "q"),
        ("p", "u"),
        ("r", "s"),
        ("r", "v"),
        ("q", "f"),
        ("u", "f"),
        ("s", "f"),
        ("v", "f"),
        ("f", "out"),
    ],
}


def _coefficient(value: Any) -> str:
    return f"({latex(value)})" if value < 0 else latex(value)


def _picture(
    function: str,
    coefficients: dict[str, Any],
    values: dict[str, Any],
    grads: dict[str, Any],
    annotated: bool,
) -> Latex:
    """The graph of ``function``; ``<m>`` in a label is replaced by the coefficient m."""
    nodes = []
    for name, label, at, op in LAYOUT[function]:
        for key, coefficient in coefficients.items():
            label = label.replace(f"<{key}>", _coefficient(coefficient))
        value = values.get(name) if annotated else None
        nodes.append(Node(name, label, at, value, grads.get(name), op))
    f_x = LAYOUT[function][-1][2][0]
    nodes.append(Node("out", "f", (f_x + 1.8, 0), op=False))
    return tikz(nodes, EDGES[function], annotated)


@quantity
def graph_question(function: str, m: Any, n: Any) -> Latex:
    return _picture(function, {"m": m, "n": n}, {}, {}, annotated=False)


@quantity
def graph_solution(
    function: str, m: Any, n: Any, forward: dict[str, Any], backward: dict[str, Any]
) -> Latex:
    """What the manual part asks for: every node with its forward value and ∂f/∂node."""
    return _picture(function, {"m": m, "n": n}, forward, backward, annotated=True)
