"""Cell sizes for the parameter counts, an LSTM total to solve for its hidden size, and a
next-word predictor (embedding -> recurrent layer -> one-hot output, no biases).

Sizes come from round numbers a student multiplies by hand; the LSTM total is built from a drawn
hidden size so that the quadratic has a positive integer root.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from generator.params import Choice, Integer

SIZES = (2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 32)
SOLVED_HIDDEN = (2, 61)  # hidden sizes part d solves for: roots a student finds by hand
VOCABS = (20, 50, 100, 200, 500, 1000)

PARAMS = (
    Integer("d_in", 1, 512, doc="input dimension d of the cells in parts a-c"),
    Integer("hidden", 1, 512, doc="hidden dimension h of the cells in parts a-c"),
    Choice("bias", ("yes", "no"), doc="whether the cells in parts a-c have biases"),
    Integer("solve_in", 1, 512, doc="input dimension of the LSTM in part d"),
    Integer("lstm_total", 4, 10**7, doc="parameter total of the LSTM in part d (with biases)"),
    Choice("lm_cell", ("rnn", "lstm"), doc="recurrent layer of the word predictor"),
    Integer("embed", 1, 1024, doc="word-embedding size (input of the predictor)"),
    Integer("lm_hidden", 1, 1024, doc="hidden nodes of the predictor"),
    Integer("vocab", 2, 10**5, doc="unique words (one-hot output size)"),
)

SOURCE = {
    "d_in": 3,
    "hidden": 5,
    "bias": "yes",
    "solve_in": 3,
    "lstm_total": 180,
    "lm_cell": "lstm",
    "embed": 10,
    "lm_hidden": 20,
    "vocab": 100,
}


def lstm_hidden_root(total: int, d: int) -> int | None:
    """The positive integer h with 4 (h^2 + (d + 1) h) = total, if there is one."""
    if total % 4:
        return None
    discriminant = (d + 1) ** 2 + total
    root = math.isqrt(discriminant)
    if root * root != discriminant or (root - d - 1) % 2 or root <= d + 1:
        return None
    return (root - d - 1) // 2


def constraints(p: dict[str, Any]) -> list[str]:
    if lstm_hidden_root(int(p["lstm_total"]), int(p["solve_in"])) is None:
        return [
            f"no LSTM with input size {p['solve_in']} and biases has exactly "
            f"{p['lstm_total']} parameters (4 (h^2 + (d + 1) h) must equal the total)"
        ]
    return []


def sample(rng: np.random.Generator) -> dict[str, Any]:
    pick = lambda options: int(rng.choice(options))  # noqa: E731
    solve_in, solve_hidden = pick(SIZES), int(rng.integers(*SOLVED_HIDDEN))
    return {
        "d_in": pick(SIZES),
        "hidden": pick(SIZES),
        "bias": PARAMS[2].sample(rng),
        "solve_in": solve_in,
        "lstm_total": 4 * (solve_hidden**2 + (solve_in + 1) * solve_hidden),
        "lm_cell": PARAMS[5].sample(rng),
        "embed": pick(SIZES),
        "lm_hidden": pick(SIZES),
        "vocab": pick(VOCABS),
    }
