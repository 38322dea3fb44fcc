"""The order of the options of choice parts, drawn per variant like any other parameter.

A family writes its options in one fixed order (``options:`` names the quantity) and its keys as
letters of that order. When every variant printed them in that order the key would be the same
letter in every variant (lr_per_coordinate (b) was always A), so a family with such parts gets
one more parameter, :data:`PARAM`, whose value picks a permutation (Lehmer code). Solving applies
it to the options and to the keys, so the question, the worked solution, keys.json, the grader
and its item analysis all see the printed order. ``option_order = 0`` is the family's own order
(the source question). Item banks (``mc_*``) order their options with their own ``shuffle``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from typing import Any

from generator.params import Integer

PARAM = "option_order"
ORDERS = math.factorial(6)  # a multiple of n! for up to six options: every order equally likely
LABELS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
CHOICE_KINDS = ("choice", "multi")


def nth_permutation(count: int, rank: int) -> list[int]:
    """Original indices in display order: the ``rank``-th permutation of ``count`` items."""
    pool = list(range(count))
    order = []
    for remaining in range(count, 0, -1):
        position, rank = divmod(rank, math.factorial(remaining - 1))
        order.append(pool.pop(position))
    return order


def relabel(key: str, order: Sequence[int]) -> str:
    """``"A,C"`` in the family's order as the letters of the same options in display order."""
    shown = sorted(order.index(LABELS.index(letter.strip())) for letter in key.split(","))
    return ",".join(LABELS[i] for i in shown)


@dataclass(frozen=True)
class OptionOrder:
    """The choice parts of a family that share each options quantity."""

    groups: dict[str, tuple[str, ...]]  # options quantity -> the answer quantities keyed by it

    @staticmethod
    def of(parts: Sequence[Any], param_names: set[str]) -> OptionOrder | None:
        """None when the family has no such parts or orders its options itself (``shuffle``)."""
        if "shuffle" in param_names:
            return None
        groups: dict[str, list[str]] = {}
        for part in parts:
            if part.kind in CHOICE_KINDS and part.options:
                groups.setdefault(part.options, []).append(part.answer)
        return OptionOrder({k: tuple(v) for k, v in groups.items()}) if groups else None

    @staticmethod
    def param() -> Integer:
        return Integer(
            PARAM, 0, ORDERS - 1, doc="order of the choice options (0 = as the family writes them)"
        )

    def apply(self, values: MutableMapping[str, Any], rank: int, given: Mapping[str, Any]) -> None:
        """Put options and keys in display order (answers a student gave stay as given)."""
        for options, answers in self.groups.items():
            if options not in values:
                continue
            texts = list(values[options])
            order = nth_permutation(len(texts), rank % math.factorial(len(texts)))
            values[options] = [texts[i] for i in order]
            for answer in answers:
                if answer in values and answer not in given:
                    values[answer] = relabel(str(values[answer]), order)
