"""Independent path: walk one output pixel back through the layers and count the input pixels it
touches (1-D suffices: the fields are square)."""

from __future__ import annotations

from typing import Any


def _field(filters: list[int], strides: list[int]) -> int:
    touched = {0}
    for f, s in zip(reversed(filters), reversed(strides), strict=True):
        touched = {s * i + j for i in touched for j in range(f)}
    return len(touched)


def numeric(p: dict[str, Any]) -> dict[str, Any]:
    f, s = [int(v) for v in p["filters"]], [int(v) for v in p["strides"]]
    return {"a": _field(f[:2], s[:2]), "b": _field(f, s)}
