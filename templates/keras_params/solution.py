"""The model summary row by row: output shape and parameters of every layer, then the totals.

Conv2D: F (K K C_in + 1) parameters; BatchNormalization: 4 C (gamma, beta trainable; moving mean
and variance not); Dense: (n_in + 1) n_out; MaxPooling2D, Flatten and Dropout: none.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sympy

from generator.dag import quantity
from generator.formatting import Shape


@dataclass(frozen=True)
class Row:
    """One line of ``model.summary()``."""

    name: str
    kind: str
    shape: tuple[int, ...]
    params: int
    non_trainable: int = 0


def _named(kind: str, counts: dict[str, int]) -> str:
    """Keras's default layer names: conv2d, conv2d_1, ..."""
    base = {"Conv2D": "conv2d", "BatchNormalization": "batch_normalization"}.get(kind)
    base = base or {"MaxPooling2D": "max_pooling2d"}.get(kind, kind.lower())
    index = counts.get(base, 0)
    counts[base] = index + 1
    return base if index == 0 else f"{base}_{index}"


@quantity
def feature_rows(
    size: Any, channels: Any, kernel: Any, padding: str, filters: list[Any], batchnorm: str
) -> list[Row]:
    """Rows up to (not including) Flatten."""
    counts: dict[str, int] = {}
    rows: list[Row] = []
    height, depth, k = int(size), int(channels), int(kernel)
    for f in map(int, filters):
        height = height if padding == "same" else height - k + 1
        rows.append(
            Row(_named("Conv2D", counts), "Conv2D", (height, height, f), (k * k * depth + 1) * f)
        )
        depth = f
        if batchnorm == "yes":
            rows.append(
                Row(
                    _named("BatchNormalization", counts),
                    "BatchNormalization",
                    (height, height, f),
                    4 * f,
                    2 * f,
                )
            )
        height //= 2
        rows.append(Row(_named("MaxPooling2D", counts), "MaxPooling2D", (height, height, f), 0))
    return rows


def _first(rows: list[Row], kind: str) -> Row:
    return next(row for row in rows if row.kind == kind)


def _last(rows: list[Row], kind: str) -> Row:
    return [row for row in rows if row.kind == kind][-1]


@quantity
def first_conv_shape(feature_rows: list[Row]) -> Shape:
    return Shape(_first(feature_rows, "Conv2D").shape)


@quantity
def first_pool_shape(feature_rows: list[Row]) -> Shape:
    return Shape(_first(feature_rows, "MaxPooling2D").shape)


@quantity
def flatten_input_shape(feature_rows: list[Row]) -> Shape:
    return Shape(feature_rows[-1].shape)


@quantity
def flat_length(flatten_input_shape: Shape) -> sympy.Integer:
    return sympy.Integer(sympy.prod(flatten_input_shape.dims))


@quantity
def first_conv_params(feature_rows: list[Row]) -> sympy.Integer:
    return sympy.Integer(_first(feature_rows, "Conv2D").params)


@quantity
def first_conv_weights(first_conv_params: Any, filters: list[Any]) -> sympy.Integer:
    return sympy.Integer(first_conv_params - filters[0])


@quantity
def last_conv_params(feature_rows: list[Row]) -> sympy.Integer:
    return sympy.Integer(_last(feature_rows, "Conv2D").params)


@quantity
def last_conv_weights(last_conv_params: Any, filters: list[Any]) -> sympy.Integer:
    return sympy.Integer(last_conv_params - filters[-1])


@quantity
def first_dense_params(flat_length: Any, units: Any) -> sympy.Integer:
    return sympy.Integer((flat_length + 1) * units)


@quantity
def head_rows(
    flat_length: Any, first_dense_params: Any, units: Any, dropout: Any, classes: Any
) -> list[Row]:
    """Flatten, Dense(units), optional Dropout, Dense(classes)."""
    rows = [
        Row("flatten", "Flatten", (int(flat_length),), 0),
        Row("dense", "Dense", (int(units),), int(first_dense_params)),
    ]
    if dropout:
        rows.append(Row("dropout", "Dropout", (int(units),), 0))
    rows.append(Row("dense_1", "Dense", (int(classes),), (int(units) + 1) * int(classes)))
    return rows


@quantity
def summary_rows(feature_rows: list[Row], head_rows: list[Row]) -> list[Row]:
    return [*feature_rows, *head_rows]


@quantity
def total_params(summary_rows: list[Row]) -> sympy.Integer:
    return sympy.Integer(sum(row.params for row in summary_rows))


@quantity
def non_trainable_params(summary_rows: list[Row]) -> sympy.Integer:
    return sympy.Integer(sum(row.non_trainable for row in summary_rows))


@quantity
def trainable_params(total_params: Any, non_trainable_params: Any) -> sympy.Integer:
    return sympy.Integer(total_params - non_trainable_params)
