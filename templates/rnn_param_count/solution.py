"""A recurrent cell is made of blocks (1 for a vanilla RNN, 4 for an LSTM: three gates and the
candidate, 3 for a GRU: two gates and the candidate). Each block has an h x d input matrix, an
h x h recurrent matrix and, with bias, one bias vector of size h (the Keras convention).
"""

from __future__ import annotations

import sympy

from generator.dag import quantity

BLOCKS = {"rnn": 1, "lstm": 4, "gru": 3}


def cell_params(blocks: int, d: int, h: int, bias: bool) -> sympy.Integer:
    return sympy.Integer(blocks * (h * (d + h) + (h if bias else 0)))


@quantity
def rnn_params(d_in: sympy.Integer, hidden: sympy.Integer, bias: str) -> sympy.Integer:
    return cell_params(BLOCKS["rnn"], int(d_in), int(hidden), bias == "yes")


@quantity
def lstm_params(d_in: sympy.Integer, hidden: sympy.Integer, bias: str) -> sympy.Integer:
    return cell_params(BLOCKS["lstm"], int(d_in), int(hidden), bias == "yes")


@quantity
def gru_params(d_in: sympy.Integer, hidden: sympy.Integer, bias: str) -> sympy.Integer:
    return cell_params(BLOCKS["gru"], int(d_in), int(hidden), bias == "yes")


@quantity
def solved_hidden(solve_in: sympy.Integer, lstm_total: sympy.Integer) -> sympy.Expr:
    """Positive root of h^2 + (d + 1) h - total/4 = 0 (closed form, no solver)."""
    b = solve_in + 1
    return (-b + sympy.sqrt(b**2 + lstm_total)) / 2


@quantity
def recurrent_weights(
    lm_cell: str, embed: sympy.Integer, lm_hidden: sympy.Integer
) -> sympy.Integer:
    return cell_params(BLOCKS[lm_cell], int(embed), int(lm_hidden), False)


@quantity
def output_weights(lm_hidden: sympy.Integer, vocab: sympy.Integer) -> sympy.Integer:
    return lm_hidden * vocab


@quantity
def predictor_weights(
    recurrent_weights: sympy.Integer, output_weights: sympy.Integer
) -> sympy.Integer:
    return recurrent_weights + output_weights
