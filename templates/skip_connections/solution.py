"""Derivatives on the active branch of every ReLU (the question assumes y > 0, ReLU' = 1).

With every ReLU active, y = F(x) + x = (1 + w1 w0) x and z = G(y) + y = (1 + w3 w2) y, so the
skips add the "+1" terms; without them z = w3 w2 w1 w0 x. The keys are sympy derivatives of
these expressions, written factored as the chain rule produces them.
"""

from __future__ import annotations

import itertools
from typing import Any

import sympy

from generator.compgraph import Node, tikz
from generator.dag import quantity
from generator.formatting import Latex

W, X = sympy.symbols("w x")
W0, W1, W2, W3 = sympy.symbols("w0 w1 w2 w3")


def _stack(layers: int) -> sympy.Expr:
    """w (w ... (w x)) with every ReLU active: L layers sharing the weight w."""
    value = X
    for _ in range(int(layers)):
        value = W * value
    return value


def _unit_tex(layers: int, skip: bool) -> str:
    inner = "x"
    for level in range(int(layers)):
        argument = "w x" if level == 0 else f"w {inner}"
        plus = " + x" if skip and level == int(layers) - 1 else ""
        inner = rf"\max({argument}{plus}, 0)"
    return inner


@quantity
def plain_unit(layers: int) -> Latex:
    return Latex(_unit_tex(layers, skip=False))


@quantity
def skip_unit(layers: int) -> Latex:
    return Latex(_unit_tex(layers, skip=True))


@quantity
def dy_dx_plain(layers: int) -> sympy.Expr:
    return sympy.diff(_stack(layers), X)


@quantity
def dy_dx_skip(layers: int) -> sympy.Expr:
    return sympy.diff(_stack(layers) + X, X)


@quantity
def at_small_weight(dy_dx_plain: Any, dy_dx_skip: Any, omega: Any) -> list[Any]:
    """Both derivatives at w = omega (from the earlier parts' expressions: follow-through)."""
    return [sympy.sympify(d).subs(W, omega) for d in (dy_dx_plain, dy_dx_skip)]


def _residual_output(skip: bool) -> sympy.Expr:
    """z as a function of x and the weights with all ReLUs active."""
    y = W1 * (W0 * X) + (X if skip else 0)
    return W3 * (W2 * y) + (y if skip else 0)


@quantity
def dz_dw_skip(wrt: str) -> sympy.Expr:
    return sympy.factor(sympy.diff(_residual_output(skip=True), sympy.Symbol(wrt)))


@quantity
def dz_dw_plain(wrt: str) -> sympy.Expr:
    return sympy.diff(_residual_output(skip=False), sympy.Symbol(wrt))


CHAIN = (
    ("x", "x", False),
    ("m0", r"\times w_0", True),
    ("r0", r"\mathrm{relu}", True),
    ("m1", r"\times w_1", True),
    ("p1", "+", True),
    ("y", r"\mathrm{relu}", True),
    ("m2", r"\times w_2", True),
    ("r2", r"\mathrm{relu}", True),
    ("m3", r"\times w_3", True),
    ("p2", "+", True),
    ("z", r"\mathrm{relu}", True),
    ("out", "z", False),
)
STEP_CM = 1.3


@quantity
def residual_graph() -> Latex:
    """The two residual blocks in a row, the skips as arcs over each block."""
    nodes = [
        Node(name, label, (i * STEP_CM, 0), op=op) for i, (name, label, op) in enumerate(CHAIN)
    ]
    edges: list[tuple[str, ...]] = [(a[0], b[0]) for a, b in itertools.pairwise(CHAIN)]
    edges += [("x", "p1", "bend left=45"), ("y", "p2", "bend left=45")]
    return tikz(nodes, edges, annotated=False)


@quantity
def unit_graphs(layers: int) -> Latex:
    """Part a's answer: the graphs of the plain and the skip unit, one above the other."""

    def chain(tag: str, y: float, skip: bool) -> tuple[list[Node], list[tuple[str, ...]]]:
        nodes = [Node(f"x{tag}", "x", (0, y), op=False)]
        edges: list[tuple[str, ...]] = []
        previous, col = f"x{tag}", 1.4
        for level in range(int(layers)):
            weight, times, relu = f"w{tag}{level}", f"m{tag}{level}", f"r{tag}{level}"
            nodes.append(Node(weight, "w", (col, y + 1.0), op=False))
            nodes.append(Node(times, r"\times", (col, y)))
            edges += [(previous, times), (weight, times)]
            previous, col = times, col + 1.4
            if skip and level == int(layers) - 1:
                nodes.append(Node(f"p{tag}", "+", (col, y)))
                edges += [(previous, f"p{tag}"), (f"x{tag}", f"p{tag}", "bend right=30")]
                previous, col = f"p{tag}", col + 1.4
            nodes.append(Node(relu, r"\max", (col, y)))
            edges.append((previous, relu))
            previous, col = relu, col + 1.4
        nodes.append(Node(f"y{tag}", "y", (col, y), op=False))
        edges.append((previous, f"y{tag}"))
        return nodes, edges

    plain_nodes, plain_edges = chain("a", 2.6, skip=False)
    skip_nodes, skip_edges = chain("b", 0.0, skip=True)
    return tikz(plain_nodes + skip_nodes, plain_edges + skip_edges, annotated=False)


@quantity
def skip_benefit() -> str:
    """Part e's answer, printed in the solution."""
    return (
        "Vanishing gradients: a product of many small local gradients shrinks towards 0, while "
        "the skip adds $1$ to every block's local gradient, a highway for the gradient in the "
        "backward pass."
    )
