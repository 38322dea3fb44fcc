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


@quantity
def dy_dx_plain() -> sympy.Expr:
    return sympy.diff(W * X, X)


@quantity
def dy_dx_skip() -> sympy.Expr:
    return sympy.diff(W * X + X, X)


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
def unit_graphs() -> Latex:
    """Part a's answer: the graphs of max(w x, 0) and max(w x + x, 0), side by side."""
    plain = [
        Node("x", "x", (0, -0.6), op=False),
        Node("w", "w", (0, 0.6), op=False),
        Node("m", r"\times", (1.4, 0)),
        Node("r", r"\max", (3.0, 0)),
        Node("y", "y", (4.5, 0), op=False),
    ]
    skip = [
        Node("x2", "x", (6.0, -0.6), op=False),
        Node("w2", "w", (6.0, 0.6), op=False),
        Node("m2", r"\times", (7.4, 0)),
        Node("p2", "+", (8.8, 0)),
        Node("r2", r"\max", (10.4, 0)),
        Node("y2", "y", (11.9, 0), op=False),
    ]
    edges: list[tuple[str, ...]] = [("x", "m"), ("w", "m"), ("m", "r"), ("r", "y")]
    edges += [("x2", "m2"), ("w2", "m2"), ("m2", "p2"), ("p2", "r2"), ("r2", "y2")]
    edges += [("x2", "p2", "bend right=40")]
    return tikz(plain + skip, edges, annotated=False)


@quantity
def skip_benefit() -> str:
    """Part e's answer, printed in the solution."""
    return (
        "Vanishing gradients: a product of many small local gradients shrinks towards 0, while "
        "the skip adds $1$ to every block's local gradient, a highway for the gradient in the "
        "backward pass."
    )
