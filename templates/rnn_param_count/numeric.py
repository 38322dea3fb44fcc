"""Independent path: allocate every weight matrix and bias of the cells in numpy and count the
entries; find the LSTM hidden size by trying every size in turn."""

from __future__ import annotations

from typing import Any

import numpy as np

GATES = {"rnn": ("h",), "lstm": ("i", "f", "o", "g"), "gru": ("z", "r", "n")}
SEARCH_LIMIT = 5000


def count(cell: str, d: int, h: int, bias: bool) -> int:
    arrays: list[np.ndarray] = []
    for _ in GATES[cell]:
        arrays += [np.zeros((h, d)), np.zeros((h, h))]
        if bias:
            arrays.append(np.zeros(h))
    return int(sum(a.size for a in arrays))


def numeric(p: dict[str, Any]) -> dict[str, Any]:
    d, h, bias = int(p["d_in"]), int(p["hidden"]), p["bias"] == "yes"
    solved = next(
        (
            n
            for n in range(1, SEARCH_LIMIT)
            if count("lstm", int(p["solve_in"]), n, True) == p["lstm_total"]
        ),
        None,
    )
    output = np.zeros((int(p["lm_hidden"]), int(p["vocab"])))
    return {
        "a": count("rnn", d, h, bias),
        "b": count("lstm", d, h, bias),
        "c": count("gru", d, h, bias),
        "d": solved,
        "e": count(p["lm_cell"], int(p["embed"]), int(p["lm_hidden"]), False) + output.size,
    }
