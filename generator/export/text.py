"""Words every target prints the same way: points, and the note on parts graded by hand."""

from __future__ import annotations

from generator.export.model import ManualBlank


def points_text(points: float) -> str:
    return f"{points:g} pt"


def manual_note(blank: ManualBlank) -> str:
    """What a student reads where a part is graded by hand, and why."""
    why = f": {blank.reason}" if blank.reason else ""
    return f"Graded by hand{why} ({points_text(float(blank.points))}, entered by the teacher)."
