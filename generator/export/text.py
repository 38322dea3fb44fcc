"""Words every target prints the same way: points, and the note on parts graded by hand."""

from __future__ import annotations

from typing import Any

from generator.export.model import ManualBlank
from generator.tolerance import DEFAULT_DIGITS


def points_text(points: float) -> str:
    return f"{points:g} pt"


def manual_note(blank: ManualBlank) -> str:
    """What a student reads where a part is graded by hand, and why."""
    why = f": {blank.reason}" if blank.reason else ""
    return f"Graded by hand{why} ({points_text(float(blank.points))}, entered by the teacher)."


def rounding_text(tolerance: dict[str, Any]) -> str:
    """How to write a number so that it is the key's stated decimal (see ``stated_decimal``)."""
    mode = tolerance.get("mode")
    if mode == "sigfig":
        return f"rounded to {tolerance.get('digits', DEFAULT_DIGITS['sigfig'])} significant figures"
    if mode == "decimals":
        return f"rounded to {tolerance.get('digits', DEFAULT_DIGITS['decimals'])} decimal places"
    if mode == "rel":
        return "rounded to 6 significant figures"
    return "exactly (integers)"
