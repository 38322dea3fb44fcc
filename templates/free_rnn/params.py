"""The parameter of a free-text item of items.yaml: which item."""

from __future__ import annotations

from generator.itembank import item_param, load_free

BANK = load_free(__file__)
# Option order does not make a new question: one item at most once per exam.
IDENTITY = ("item",)
PARAMS = (item_param(BANK),)
SOURCE = {"item": "tum_lstm_gates_explain"}  # TUM I2DL Problem 6 e
