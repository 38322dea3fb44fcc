"""The parameters of a multiple-choice item of items.yaml: which item, and its option order."""

from __future__ import annotations

from generator.itembank import load_mc, mc_constraints, mc_params, mc_sampler

BANK = load_mc(__file__)
# Option order does not make a new question: one item at most once per exam.
IDENTITY = ("item",)
PARAMS = mc_params(BANK)
# TUM I2DL Problem 6 e (an LSTM gate assignment, made multiple choice), in its own option order.
SOURCE = {"item": "tum_lstm_gates", "shuffle": 0}
sample = mc_sampler(BANK)
constraints = mc_constraints(BANK)
