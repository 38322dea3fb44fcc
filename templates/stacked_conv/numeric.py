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


def _realisable_dimension(k1: int, k2: int, kernels: int, n: int) -> int:
    basis = np.eye(n * n).reshape(n * n, n, n)
    windows = sliding_window_view(basis, (k1, k1), axis=(1, 2))  # (pixels, k2, k2, k1, k1)
    # A fixed, generic point (not a sampled question parameter): structured sequences such as
    # sin(1), sin(2), ... satisfy linear recurrences and give a rank-deficient Jacobian.
    generic = np.random.default_rng(0).standard_normal(kernels * (k1 * k1 + k2 * k2))
    w = generic[: kernels * k1 * k1].reshape(kernels, k1, k1)
    v = generic[kernels * k1 * k1 :].reshape(kernels, k2, k2)
    columns = []
    for i in range(kernels):
        columns.append(np.einsum("pcdab,cd->pab", windows, v[i]).reshape(n * n, -1))
        columns.append(np.einsum("pcdab,ab->pcd", windows, w[i]).reshape(n * n, -1))
    return int(np.linalg.matrix_rank(np.hstack(columns)))


def numeric(p: dict[str, Any]) -> dict[str, Any]:
    k1, k2, kernels = p["k1"], p["k2"], p["kernels"]
    n = _input_size(k1, k2)
    return {"a": [n, n], "d": _realisable_dimension(k1, k2, kernels, n)}
