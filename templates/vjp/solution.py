"""y = SEE(x) picks x_{2i} (or x_{2i-1}); J[i, j] = 1 exactly at the picked position, and
∂L/∂x = Jᵀ w puts w_i back at the picked positions with zeros elsewhere (a scatter)."""

from __future__ import annotations

from typing import Any

import sympy

from generator.dag import quantity
from generator.formatting import Shape


@quantity
def picked(select: str, w: list[Any]) -> list[int]:
    """0-based indices of x that y keeps."""
    offset = 1 if select == "even" else 0
    return [2 * i + offset for i in range(len(w))]


@quantity
def jacobian(picked: list[int]) -> list[list[Any]]:
    size = 2 * len(picked)
    return [[sympy.Integer(int(j == k)) for j in range(size)] for k in picked]


@quantity
def jacobian_shape(jacobian: list[list[Any]]) -> Shape:
    return Shape((len(jacobian), len(jacobian[0])))


@quantity
def grad_x(jacobian: list[list[Any]], w: list[Any]) -> list[Any]:
    """Jᵀ w, from the Jacobian of part a (follow-through)."""
    return [
        sum((row[j] * wi for row, wi in zip(jacobian, w, strict=True)), sympy.Integer(0))
        for j in range(len(jacobian[0]))
    ]


@quantity
def vjp_definition(select: str) -> str:
    """Part d's answer, printed in the solution."""
    start = "2" if select == "even" else "1"
    return (
        "vjp(p) returns g in R^{2N} with g = 0 except g[" + start + "::2] = p (1-based): "
        "O(N) time and memory, against O(N * 2N) to build J and multiply p^T J."
    )
