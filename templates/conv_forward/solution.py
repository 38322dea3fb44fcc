"""Cross-correlation as deep-learning frameworks compute it (the kernel is not flipped):

    out[i][j] = sum_{a,b} w[a][b] * xpad[i*stride + a*rate][j*stride + b*rate]

where xpad is x with ``pad`` zeros on every side; pooling slides a 2x2 window with stride 1.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import sympy

from generator.dag import quantity

Grid = list[list[sympy.Expr]]
POOL, POOL_STRIDE = 2, 1


def padded(x: Sequence[Sequence[sympy.Expr]], pad: int) -> Grid:
    n = len(x)
    zero = sympy.Integer(0)
    return [
        [
            x[i - pad][j - pad] if 0 <= i - pad < n and 0 <= j - pad < n else zero
            for j in range(n + 2 * pad)
        ]
        for i in range(n + 2 * pad)
    ]


def conv2d(x: Grid, w: Grid, stride: int, pad: int, rate: int) -> Grid:
    xp, k = padded(x, pad), len(w)
    size = (len(xp) - rate * (k - 1) - 1) // stride + 1
    return [
        [
            sympy.Add(
                *(
                    w[a][b] * xp[i * stride + a * rate][j * stride + b * rate]
                    for a in range(k)
                    for b in range(k)
                )
            )
            for j in range(size)
        ]
        for i in range(size)
    ]


def pool(x: Grid, reduce: Callable[[list[sympy.Expr]], sympy.Expr]) -> Grid:
    size = (len(x) - POOL) // POOL_STRIDE + 1
    return [
        [
            reduce(
                [
                    x[i * POOL_STRIDE + a][j * POOL_STRIDE + b]
                    for a in range(POOL)
                    for b in range(POOL)
                ]
            )
            for j in range(size)
        ]
        for i in range(size)
    ]


@quantity
def conv_a(x: Grid, w: Grid, a_stride: int, a_pad: int, a_rate: int) -> Grid:
    return conv2d(x, w, int(a_stride), int(a_pad), int(a_rate))


@quantity
def conv_b(x: Grid, w: Grid, b_stride: int, b_pad: int, b_rate: int) -> Grid:
    return conv2d(x, w, int(b_stride), int(b_pad), int(b_rate))


@quantity
def x_pad_b(x: Grid, b_pad: int) -> Grid:
    """The input as the second convolution sees it (shown in the worked solution)."""
    return padded(x, int(b_pad))


@quantity
def max_pool(x: Grid) -> Grid:
    return pool(x, lambda window: sympy.Max(*window))


@quantity
def avg_pool(x: Grid) -> Grid:
    return pool(x, lambda window: sympy.Add(*window) / len(window))
