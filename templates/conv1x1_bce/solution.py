"""1x1 conv -> zero-padded 2x2 max-pool -> summed binary cross-entropy -> one SGD step on w.

The pool has kernel 2, stride 2 and one ring of zero padding, so on a 2x2 map each window holds one
conv value and three padding zeros: the pooled value is the conv value when it is positive and the
padding 0 otherwise. The gradient reaches a weight only through windows whose maximum is a conv
value; a conv value equal to 0 ties with the padding and, as stated in the question, routes no
gradient (the convention ReLU'(0) = 0 uses).
"""

from __future__ import annotations

from typing import Any

import sympy

from generator.dag import quantity

POOL, STRIDE, PAD = 2, 2, 1


def _pixels(matrix: list[list[Any]]) -> list[tuple[int, int]]:
    return [(i, j) for i in range(len(matrix)) for j in range(len(matrix[0]))]


@quantity
def conv_out(x1: list[list[Any]], x2: list[list[Any]], x3: list[list[Any]], w: list[Any]) -> list:
    channels = (x1, x2, x3)
    return [
        [sum(wc * x[i][j] for wc, x in zip(w, channels, strict=True)) for j in range(2)]
        for i in range(2)
    ]


@quantity
def padded(conv_out: list[list[Any]]) -> list[list[Any]]:
    """The conv map inside a ring of PAD zeros."""
    size = len(conv_out) + 2 * PAD
    grid = [[sympy.Integer(0)] * size for _ in range(size)]
    for i, j in _pixels(conv_out):
        grid[i + PAD][j + PAD] = conv_out[i][j]
    return grid


@quantity
def windows(padded: list[list[Any]]) -> list[list[list[tuple[int, int]]]]:
    """Padded coordinates covered by each output pixel's pooling window."""
    count = (len(padded) - POOL) // STRIDE + 1
    return [
        [
            [(STRIDE * a + r, STRIDE * b + c) for r in range(POOL) for c in range(POOL)]
            for b in range(count)
        ]
        for a in range(count)
    ]


@quantity
def pooled(padded: list[list[Any]], windows: list) -> list[list[Any]]:
    return [[max(padded[r][c] for r, c in cell) for cell in row] for row in windows]


@quantity
def routed(conv_out: list[list[Any]], windows: list) -> list[list[Any]]:
    """For each output pixel the conv pixel its maximum comes from, or None for padding.

    A conv value wins only when it is strictly larger than every padding zero in its window.
    """
    size = len(conv_out)
    result: list[list[tuple[int, int] | None]] = []
    for row in windows:
        result.append([])
        for cell in row:
            inside = [(r - PAD, c - PAD) for r, c in cell if 0 < r <= size and 0 < c <= size]
            has_padding = len(inside) < len(cell)
            best = max(inside, key=lambda ij: conv_out[ij[0]][ij[1]], default=None)
            if best is not None and has_padding and conv_out[best[0]][best[1]] <= 0:
                best = None
            result[-1].append(best)
    return result


@quantity
def has_tie(conv_out: list[list[Any]]) -> bool:
    return any(conv_out[i][j] == 0 for i, j in _pixels(conv_out))


@quantity
def pixel_losses(pooled: list[list[Any]], y: list[list[Any]]) -> list[list[Any]]:
    """-(y ln s + (1 - y) ln(1 - s)) per pixel, with 0 ln 0 = 0 (a zero coefficient drops)."""
    return [
        [
            -(y[i][j] * sympy.log(s) if y[i][j] else 0)
            - ((1 - y[i][j]) * sympy.log(1 - s) if y[i][j] != 1 else 0)
            for j, s in enumerate(row)
        ]
        for i, row in enumerate(pooled)
    ]


@quantity
def loss(pixel_losses: list[list[Any]]) -> sympy.Expr:
    return sympy.expand_log(sum(sum(row) for row in pixel_losses), force=True)


@quantity
def upstream(pooled: list[list[Any]], y: list[list[Any]], routed: list) -> list[list[Any]]:
    """dL/dz at every conv pixel: dL/ds = -y/s + (1 - y)/(1 - s) where the window routes to it."""
    grad = [[sympy.Integer(0)] * len(row) for row in pooled]
    for a, row in enumerate(routed):
        for b, source in enumerate(row):
            if source is None:
                continue
            s, t = pooled[a][b], y[a][b]
            d_loss = (-t / s if t else 0) + ((1 - t) / (1 - s) if t != 1 else 0)
            grad[source[0]][source[1]] += d_loss
    return grad


@quantity
def grad_w(
    upstream: list[list[Any]], x1: list[list[Any]], x2: list[list[Any]], x3: list[list[Any]]
) -> list[Any]:
    return [sum(upstream[i][j] * x[i][j] for i, j in _pixels(x)) for x in (x1, x2, x3)]


@quantity
def w_new(w: list[Any], lr: Any, grad_w: list[Any]) -> list[Any]:
    return [wc - lr * g for wc, g in zip(w, grad_w, strict=True)]


@quantity
def equivalent_layer() -> str:
    """The model answer of the manual part: a 1x1 conv is a dense layer shared over pixels."""
    return "fully-connected (linear) layer applied to every pixel's channel vector"


@quantity
def loss_in_w(
    x1: list[list[Any]], x2: list[list[Any]], x3: list[list[Any]], y: list, routed: list
) -> sympy.Expr:
    """The loss as a function of symbolic weights near the current ones (for the worked solution).

    Windows whose maximum is padding contribute -ln(1 - 0) = 0, so only routed pixels appear.
    """
    symbols = sympy.symbols("w1 w2 w3")
    total = sympy.Integer(0)
    for a, row in enumerate(routed):
        for b, source in enumerate(row):
            if source is None:
                continue
            i, j = source
            z = sum(s * x[i][j] for s, x in zip(symbols, (x1, x2, x3), strict=True))
            total -= sympy.log(z) if y[a][b] == 1 else sympy.log(1 - z)
    return total
