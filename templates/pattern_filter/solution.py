"""The response w . x is largest over all black-and-white patches x exactly when x has white
(1) wherever w > 0 and black (0) wherever w < 0; so w = +1 on white and -1 on black pixels
highlights the pattern, and a zero weight would let two patches tie."""

from __future__ import annotations

import itertools
from typing import Any

import sympy

from generator.dag import quantity

from .params import NAMED

PATCHES = [
    tuple(bits[3 * r : 3 * r + 3] for r in range(3)) for bits in itertools.product((0, 1), repeat=9)
]


@quantity
def image(pattern: list[list[Any]]) -> list[list[sympy.Integer]]:
    return [[sympy.Integer(v) for v in row] for row in pattern]


@quantity
def pattern_name(pattern: list[list[Any]]) -> str:
    """A familiar shape's name for the question text ("" for any other pattern)."""
    return NAMED.get(tuple(tuple(int(v) for v in row) for row in pattern), "")


@quantity
def example_filter(image: list[list[sympy.Integer]]) -> list[list[sympy.Integer]]:
    return [[2 * v - 1 for v in row] for row in image]


def _response(weights: list[list[Any]], patch: tuple[tuple[int, ...], ...]) -> Any:
    return sum(weights[r][c] * patch[r][c] for r in range(3) for c in range(3))


def check_filter(answer: Any, params: dict[str, Any]) -> list[str]:
    """Problems with a proposed filter (empty when the pattern alone gets the largest response, or
    alone the smallest: the question accepts both, as the source does)."""
    rows = answer if isinstance(answer, list) else None
    if rows is None or len(rows) != 3 or any(not isinstance(r, list) or len(r) != 3 for r in rows):
        return ["expected a 3x3 matrix such as [[1, -1, 1], [-1, 1, -1], [1, -1, 1]]"]
    if any(not isinstance(v, int | float | sympy.Number) for row in rows for v in row):
        return ["every entry must be a number"]  # never parse text here: answers are untrusted
    weights = [[sympy.Rational(str(v)) if isinstance(v, float) else v for v in row] for row in rows]
    target = tuple(tuple(int(v) for v in row) for row in params["pattern"])
    responses = {patch: _response(weights, patch) for patch in PATCHES}
    best, worst = max(responses.values()), min(responses.values())
    for extreme in (best, worst):
        winners = [patch for patch, value in responses.items() if value == extreme]
        if winners == [target]:
            return []
    if responses[target] in (best, worst):
        return ["the pattern ties with another patch: a zero weight cannot tell them apart"]
    return [
        "another black-and-white patch gives a larger (and a smaller) response than the pattern"
    ]
