"""x, y, z from three linear equations: output_k = sum over the window at column k of F * I."""

from __future__ import annotations

from typing import Any

import sympy

from generator.dag import quantity

X, Y, Z = sympy.symbols("x y z")


@quantity
def filter_rows(known: list[list[Any]], unknown_row: Any) -> list[list[Any]]:
    """The filter with the unknown row written as symbols x, y, z."""
    rows = [list(r) for r in known]
    rows.insert(int(unknown_row) - 1, [X, Y, Z])
    return rows


@quantity
def equations(image: list[list[Any]], filter_rows: list[list[Any]], output: list[Any]) -> list:
    """One equation per output pixel, as (left side, right side) after moving constants right."""
    result = []
    for k, target in enumerate(output):
        dot = sum(filter_rows[r][m] * image[r][k + m] for r in range(3) for m in range(3))
        constant = dot.subs({X: 0, Y: 0, Z: 0})
        result.append((sympy.expand(dot - constant), target - constant))
    return result


@quantity
def unknowns(equations: list) -> dict[sympy.Symbol, Any]:
    coefficients, constants = sympy.linear_eq_to_matrix(
        [left - right for left, right in equations], [X, Y, Z]
    )
    values = coefficients.LUsolve(constants)
    return dict(zip((X, Y, Z), values, strict=True))


@quantity
def x(unknowns: dict) -> Any:
    return unknowns[X]


@quantity
def y(unknowns: dict) -> Any:
    return unknowns[Y]


@quantity
def z(unknowns: dict) -> Any:
    return unknowns[Z]
