"""The width of a part's tolerance at its key: one definition for the grader and every export.

``keys.json`` states a tolerance as a rule (``sigfig``, ``decimals``, ``rel``, ``exact``, each with
an absolute floor ``abs``; see ``grader/compare.py``). An answer is accepted when its distance to
the key is at most :func:`half_width` of that key. Learning-management systems only know a fixed
absolute (Moodle, Canvas) or relative (QTI) margin per answer, so the exports write this width for
each variant's key, and both sides accept exactly the same decimals.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

HALF_UNIT = 0.5 * (1 + 1e-9)  # half a unit in the last digit, with room for binary rounding
DEFAULT_DIGITS = {"sigfig": 3, "decimals": 2}
DEFAULT_REL = 1e-3


def stated_unit(key: float, tolerance: Mapping[str, Any]) -> float | None:
    """One unit of the last digit the rule asks for (0.001 for 2/3 at three significant
    figures), or ``None`` when the rule is not about digits."""
    mode = tolerance.get("mode", "sigfig")
    if mode == "sigfig":
        if key == 0 or not math.isfinite(key):
            return None
        digits = tolerance.get("digits", DEFAULT_DIGITS["sigfig"])
        return float(10.0 ** (math.floor(math.log10(abs(key))) - digits + 1))
    if mode == "decimals":
        return float(10.0 ** -tolerance.get("digits", DEFAULT_DIGITS["decimals"]))
    return None


def half_width(key: float, tolerance: Mapping[str, Any]) -> float:
    """The largest accepted ``|answer - key|``: the rule's width, or the absolute floor if wider."""
    floor = float(tolerance.get("abs", 0.0))
    mode = tolerance.get("mode", "sigfig")
    if mode == "rel":
        return max(floor, tolerance.get("rel", DEFAULT_REL) * abs(key))
    unit = stated_unit(key, tolerance)
    return floor if unit is None else max(floor, HALF_UNIT * unit)


def stated_decimal(key: float, tolerance: Mapping[str, Any]) -> str:
    """The key as a student writes it: rounded to the digits the rule asks for (``0.667`` for
    2/3 at three significant figures), an integer key as an integer, else six significant
    figures (a relative rule)."""
    if float(key).is_integer() and tolerance.get("mode") == "exact":
        return str(int(key))
    unit = stated_unit(key, tolerance)
    if unit is None:
        return f"{key:.6g}"
    quantum = Decimal(1).scaleb(round(math.log10(unit)))
    return f"{Decimal(repr(key)).quantize(quantum):f}"


def entry_tolerance(tolerance: Mapping[str, Any], entries: Iterable[float]) -> dict[str, Any]:
    """The tolerance of each entry of a vector or matrix: the part's, with an absolute floor of
    half a unit of the digit after the last one counted in the largest entry (sigfig), or the
    relative tolerance of the largest entry (rel). A softmax output [0.265, 0.721, 4.4e-6,
    0.0132] may then be written [0.265, 0.721, 0, 0.0132]: 4.4e-6 is 0 at that precision.
    """
    scale = max((abs(e) for e in entries if math.isfinite(e)), default=0.0)
    mode = tolerance.get("mode", "sigfig")
    if scale == 0 or mode not in ("sigfig", "rel"):
        return dict(tolerance)
    if mode == "sigfig":
        digits = tolerance.get("digits", DEFAULT_DIGITS["sigfig"])
        floor = HALF_UNIT * 10.0 ** (math.floor(math.log10(scale)) - digits)
    else:
        floor = tolerance.get("rel", DEFAULT_REL) * scale
    return {**tolerance, "abs": max(tolerance.get("abs", 0.0), floor)}
