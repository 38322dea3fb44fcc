"""Computational graphs drawn in TikZ from a solution's own values.

A family's solution lists the graph's nodes (operators as circles, inputs and outputs as plain
text) with their forward value and the gradient of the output with respect to that node; this
module turns the list into a ``tikzpicture``. The question prints the bare graph, the solution the
same picture with the forward value above each operator (black) and the backward gradient below it
(red), inputs annotated on their left. Values with no short exact form (e^-3, logs) are printed to
four decimals, as a student writes them on a graph.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import sympy

from generator.formatting import Fixed, Latex, latex

STYLE = (
    r"[>={Stealth}, thick,"
    r" op/.style={circle, draw, minimum size=9mm, inner sep=1pt},"
    r" val/.style={font=\scriptsize, inner sep=1pt},"
    r" grad/.style={font=\scriptsize, inner sep=1pt, text=red!70!black}]"
)


@dataclass(frozen=True)
class Node:
    """One node: ``label`` is math LaTeX, ``at`` its (x, y) position in cm."""

    name: str
    label: str
    at: tuple[float, float]
    value: Any = None
    grad: Any = None
    op: bool = True


def short(value: Any) -> str:
    """Exact LaTeX for rationals, radicals and π (and vectors of them); four decimals otherwise."""
    if isinstance(value, list | tuple):
        return r"\left[" + r",\ ".join(short(v) for v in value) + r"\right]"
    expr = sympy.sympify(value)
    if expr.is_Rational or not expr.has(sympy.exp, sympy.log):
        return latex(expr)
    return Fixed(expr, 4).text()


def _node(node: Node, annotated: bool) -> str:
    x, y = node.at
    style = "[op]" if node.op else ""
    text = f"\\node{style} ({node.name}) at ({x:g}, {y:g}) {{${node.label}$}};"
    if not annotated or node.value is None:
        return text
    value = f"${short(node.value)}$"
    grad = "" if node.grad is None else f"${short(node.grad)}$"
    if node.op:
        text += f"\n\\node[val, above=1pt of {node.name}] {{{value}}};"
        if grad:
            text += f"\n\\node[grad, below=1pt of {node.name}] {{{grad}}};"
        return text
    label = value + (f"\\\\ \\textcolor{{red!70!black}}{{{grad}}}" if grad else "")
    return text + f"\n\\node[val, left=1pt of {node.name}, align=right] {{{label}}};"


def _edge(edge: tuple[str, ...]) -> str:
    """``(a, b)`` is a straight arrow; ``(a, b, "bend left=40")`` adds TikZ ``to`` options."""
    if len(edge) == 2:
        return f"\\draw[->] ({edge[0]}) -- ({edge[1]});"
    return f"\\draw[->] ({edge[0]}) to[{edge[2]}] ({edge[1]});"


def tikz(nodes: Iterable[Node], edges: Iterable[tuple[str, ...]], annotated: bool) -> Latex:
    """The ``tikzpicture`` (centred) of the graph; ``annotated`` adds values and gradients."""
    lines = [r"\begin{center}", r"\begin{tikzpicture}" + STYLE]
    lines += [_node(node, annotated) for node in nodes]
    lines += [_edge(edge) for edge in edges]
    lines += [r"\end{tikzpicture}", r"\end{center}"]
    return Latex("\n".join(lines) + "\n")
