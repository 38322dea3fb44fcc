"""Independent path: search the input size by sliding windows, and measure the dimension of the set
of linear maps g can realise as the rank of its Jacobian at a generic parameter point.

g is bilinear in (w_i, v_i), so its derivative along one kernel entry is g evaluated with that
entry's unit kernel in its own path: the Jacobian columns are forward passes of the basis images.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def _valid(size: int, k: int) -> int:
    return sliding_window_view(np.zeros(size), k).shape[0] if size >= k else 0


def _input_size(k1: int, k2: int) -> int:
    return next(n for n in range(1, 100) if _valid(_valid(n, k1), k2) == 1)


def _realisable_dimension(k1: int, k2: int, kernels: int, n: int, bias: bool) -> int:
    """Rank of the Jacobian of (composed kernel, offset g(0)) with respect to every parameter of
    g at a generic point: the dimension of the set of functions g can represent."""
    basis = np.eye(n * n).reshape(n * n, n, n)
    windows = sliding_window_view(basis, (k1, k1), axis=(1, 2))  # (pixels, k2, k2, k1, k1)
    # A fixed, generic point (not a sampled question parameter): structured sequences such as
    # sin(1), sin(2), ... satisfy linear recurrences and give a rank-deficient Jacobian.
    generic = np.random.default_rng(0).standard_normal(kernels * (k1 * k1 + k2 * k2 + 1))
    w = generic[: kernels * k1 * k1].reshape(kernels, k1, k1)
    v = generic[kernels * k1 * k1 : kernels * (k1 * k1 + k2 * k2)].reshape(kernels, k2, k2)
    b = generic[kernels * (k1 * k1 + k2 * k2) :]
    columns = []
    for i in range(kernels):
        # Rows: the n*n entries of theta, then the offset g(0) = sum_i b_i sum(v_i) + c.
        dw = np.einsum("pcdab,cd->pab", windows, v[i]).reshape(n * n, -1)
        dv = np.einsum("pcdab,ab->pcd", windows, w[i]).reshape(n * n, -1)
        columns.append(np.vstack([dw, np.zeros((1, dw.shape[1]))]))
        columns.append(np.vstack([dv, np.full((1, dv.shape[1]), b[i] if bias else 0.0)]))
        if bias:
            columns.append(np.vstack([np.zeros((n * n, 1)), [[v[i].sum()]]]))  # d/d b_i
    if bias:
        columns.append(np.vstack([np.zeros((n * n, 1)), [[1.0]]]))  # d/dc
    return int(np.linalg.matrix_rank(np.hstack(columns)))


def _parameter_count(k1: int, k2: int, kernels: int, bias: bool) -> int:
    """Allocate every kernel and bias of g and count their entries."""
    arrays: list[np.ndarray] = [np.zeros((kernels, k1, k1)), np.zeros((kernels, k2, k2))]
    if bias:
        arrays += [np.zeros(kernels), np.zeros(1)]
    return sum(a.size for a in arrays)


def numeric(p: dict[str, Any]) -> dict[str, Any]:
    k1, k2, kernels, bias = p["k1"], p["k2"], p["kernels"], p["bias"] == "bias"
    n = _input_size(k1, k2)
    return {
        "a": [n, n],
        "d": _realisable_dimension(k1, k2, kernels, n, bias),
        "e": _parameter_count(k1, k2, kernels, bias),
    }
