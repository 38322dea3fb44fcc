"""Batch normalization after every convolution: 2 C trainable (gamma, beta) and 2 C non-trainable
(moving mean, moving variance) parameters per layer over C channels."""

from __future__ import annotations

from typing import Any

import sympy

from generator.dag import quantity

VGG_NAMES: dict[tuple[int, ...], str] = {
    (1, 1, 2, 2, 2): "VGG11",
    (2, 2, 2, 2, 2): "VGG13",
    (2, 2, 3, 3, 3): "VGG16",
    (2, 2, 4, 4, 4): "VGG19",
}


@quantity
def layer_widths(widths: list[Any], convs: list[Any]) -> list[sympy.Integer]:
    """Channels of each convolution (= each batch-normalization layer), in order."""
    return [sympy.Integer(w) for w, c in zip(widths, convs, strict=True) for _ in range(int(c))]


@quantity
def vgg_name(widths: list[Any], convs: list[Any]) -> str:
    """The standard VGG configuration these blocks are, or "" for a custom stack."""
    if tuple(map(int, widths)) != (64, 128, 256, 512, 512):
        return ""
    return VGG_NAMES.get(tuple(map(int, convs)), "")


@quantity
def bn_channels(layer_widths: list[Any]) -> sympy.Integer:
    return sympy.Integer(sum(layer_widths))


@quantity
def bn_trainable(bn_channels: Any) -> sympy.Integer:
    return sympy.Integer(2 * bn_channels)


@quantity
def first_widths(layer_widths: list[Any], first: Any) -> list[Any]:
    return layer_widths[: int(first)]


@quantity
def first_moving(first_widths: list[Any]) -> sympy.Integer:
    return sympy.Integer(2 * sum(first_widths))


@quantity
def bn_total(bn_trainable: Any, bn_channels: Any) -> sympy.Integer:
    return sympy.Integer(bn_trainable + 2 * bn_channels)
