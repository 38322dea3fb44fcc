"""Points: a question's points shared among its parts, and rubric amounts that follow their part.

``points: N`` on a spec question scales the family's part points to N. The parts get quarter
points by the largest-remainder method: each part gets its exact share rounded down to a quarter,
and the quarters left over go to the parts with the largest remainders (the earlier part on a tie),
so the parts always add up to exactly N, which is what the points table, keys.json and the grader
show. No asked part drops to 0 points.

Everything measured in a part's points keeps its fraction of the part: an accepted alternative
worth half of a 1-point part is worth half of the part after scaling, and the amounts of a rubric
are multiplied by the same factor, exactly (as fractions), so they still add up to the part.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from generator.errors import DlexamError

UNIT = Fraction(1, 4)  # the smallest step a scaled part's points take
# An amount of points written into a rubric sentence ("1 pt for ..."): rubrics hold them as data.
AMOUNT = re.compile(r"\b\d+(?:[./]\d+)?\s*(?:pt|points?)\b")


def exact(value: float | Fraction) -> Fraction:
    """A points value as an exact fraction (0.1 is read as 1/10, not its binary neighbour)."""
    return Fraction(value).limit_denominator(10_000)


def apportion(base: Mapping[str, float], total: float) -> dict[str, float]:
    """``base`` scaled to add up to exactly ``total`` in quarter points (largest remainder)."""
    units = exact(total) / UNIT
    if units.denominator != 1:
        raise DlexamError(f"{total:g} points is not a whole number of quarter points")
    if units < len(base):
        raise DlexamError(
            f"{total:g} points cannot be shared among {len(base)} parts "
            f"(each part needs at least {float(UNIT):g})"
        )
    weights = {key: exact(value) for key, value in base.items()}
    whole = sum(weights.values())
    shares = {key: weight * units / whole for key, weight in weights.items()}
    given = {key: max(1, math.floor(share)) for key, share in shares.items()}
    order = list(base)
    left = int(units) - sum(given.values())
    by_remainder = sorted(order, key=lambda key: (-(shares[key] - given[key]), order.index(key)))
    while left < 0:  # minimum quarters pushed the sum over: take back from the largest parts
        largest = max(order, key=lambda key: (given[key], -order.index(key)))
        given[largest] -= 1
        left += 1
    for key in by_remainder[:left]:
        given[key] += 1
    return {key: float(given[key] * UNIT) for key in order}


def amount_text(value: float | Fraction) -> str:
    """``1``, ``0.5``, ``0.375`` or, when no short decimal is exact, ``7/12``."""
    fraction = exact(value)
    denominator = fraction.denominator
    while denominator % 2 == 0:
        denominator //= 2
    while denominator % 5 == 0:
        denominator //= 5
    if denominator == 1 and len(f"{float(fraction):g}") <= 6:
        return f"{float(fraction):g}"
    return f"{fraction.numerator}/{fraction.denominator}"


@dataclass(frozen=True)
class RubricItem:
    """One piece of a rubric: text, optionally opened by an amount of points.

    ``each`` counts how often the amount is earned (``0.25 pt per example`` over 4 examples);
    a ``partial`` amount is what a partly right answer earns instead (``0.5 pt if the biases are
    missing``) and is not added to the part's total.
    """

    text: str
    points: Fraction | None = None
    each: int = 1
    partial: bool = False

    def render(self, factor: Fraction) -> str:
        if self.points is None:
            return self.text
        amount = f"{amount_text(self.points * factor)} pt"
        if not self.text or self.text[0] in ",;:.)":
            return amount + self.text
        return f"{amount} {self.text}"


def rubric_total(items: tuple[RubricItem, ...]) -> Fraction:
    """The points the rubric's counted amounts add up to (partial credits left out)."""
    return sum(
        (item.points * item.each for item in items if item.points is not None and not item.partial),
        Fraction(0),
    )


def rubric_text(items: tuple[RubricItem, ...], factor: Fraction = Fraction(1)) -> str:
    """The rubric as a sentence, every amount multiplied by ``factor``."""
    text = ""
    for item in items:
        piece = item.render(factor)
        text += piece if not text or text.endswith("(") else f" {piece}"
    return text
