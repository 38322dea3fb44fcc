"""One backward pass (update) per mini-batch; the last, incomplete batch is kept (drop_last off)."""

from __future__ import annotations

import sympy

from generator.dag import quantity


@quantity
def batches_per_epoch(n_train: sympy.Integer, batch: sympy.Integer) -> sympy.Integer:
    return sympy.ceiling(sympy.Rational(n_train, batch))


@quantity
def last_batch(
    n_train: sympy.Integer, batch: sympy.Integer, batches_per_epoch: sympy.Integer
) -> sympy.Integer:
    return n_train - (batches_per_epoch - 1) * batch


@quantity
def updates(batches_per_epoch: sympy.Integer, epochs: sympy.Integer) -> sympy.Integer:
    return batches_per_epoch * epochs


@quantity
def forward_images(n_train: sympy.Integer, epochs: sympy.Integer) -> sympy.Integer:
    return n_train * epochs


@quantity
def forward_images_one_epoch(n_train: sympy.Integer) -> sympy.Integer:
    """The common slip of counting one epoch only (0.5 pt alternative)."""
    return sympy.Integer(n_train)
