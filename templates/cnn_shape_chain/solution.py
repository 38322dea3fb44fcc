"""Conv output size (H + 2P - K)/S + 1 with F channels, pooling H/p, parameters (K K C + 1) F.

Each shape is computed from the previous layer's shape quantity, so a student's wrong first shape
carries through the chain (follow-through). The parameters depend only on K, the input channels
and F, never on the image size: the resized input leaves them unchanged.
"""

from __future__ import annotations

from typing import Any

import sympy

from generator.dag import quantity
from generator.formatting import Shape


def _conv(shape: Shape, kernel: int, filters: int, pad: int, stride: int) -> Shape:
    size = (shape.dims[0] + 2 * pad - kernel) // stride + 1
    return Shape((size, size, filters))


def _conv_params(kernel: int, channels: int, filters: int) -> sympy.Integer:
    return sympy.Integer((kernel * kernel * channels + 1) * filters)


@quantity
def pad(padding: str, kernel: Any) -> sympy.Integer:
    return sympy.Integer(0 if padding == "valid" else (kernel - 1) // 2)


@quantity
def input_shape(size: Any, channels: Any) -> Shape:
    return Shape((int(size), int(size), int(channels)))


@quantity
def conv1_shape(input_shape: Shape, kernel: Any, filters1: Any, pad: Any, stride: Any) -> Shape:
    return _conv(input_shape, int(kernel), int(filters1), int(pad), int(stride))


@quantity
def conv2_shape(conv1_shape: Shape, kernel: Any, filters2: Any, pad: Any, stride: Any) -> Shape:
    return _conv(conv1_shape, int(kernel), int(filters2), int(pad), int(stride))


@quantity
def pool_shape(conv2_shape: Shape, pool: Any) -> Shape:
    h, w, c = conv2_shape.dims
    return Shape((h // int(pool), w // int(pool), c))


@quantity
def flat_length(pool_shape: Shape) -> sympy.Integer:
    h, w, c = pool_shape.dims
    return sympy.Integer(h * w * c)


@quantity
def conv1_params(kernel: Any, channels: Any, filters1: Any) -> sympy.Integer:
    return _conv_params(int(kernel), int(channels), int(filters1))


@quantity
def conv1_weights(conv1_params: Any, filters1: Any) -> sympy.Integer:
    return sympy.Integer(conv1_params - filters1)


@quantity
def conv2_params(kernel: Any, filters1: Any, filters2: Any) -> sympy.Integer:
    return _conv_params(int(kernel), int(filters1), int(filters2))


@quantity
def conv2_weights(conv2_params: Any, filters2: Any) -> sympy.Integer:
    return sympy.Integer(conv2_params - filters2)


@quantity
def conv_params_resized(conv1_params: Any, conv2_params: Any) -> sympy.Integer:
    """Trainable parameters of both convolutions for any input size: their sum."""
    return sympy.Integer(conv1_params + conv2_params)
