"""Small text helpers shared by the targets: points as words, and LaTeX as MathJax-ready HTML
(``\\( … \\)``, the delimiters Moodle's and Canvas's MathJax filters render)."""

from __future__ import annotations

import html
import re

from generator.export.model import ManualBlank

INLINE_MATH = re.compile(r"\$([^$]+)\$")


def points_text(points: float) -> str:
    return f"{points:g} pt"


def latex_html(text: str, math: bool = False) -> str:
    """An option text (LaTeX prose with ``$…$`` math) or, with ``math``, a formula, as HTML."""
    if math:
        return html.escape(f"\\({text}\\)", quote=False)
    return INLINE_MATH.sub(r"\\(\1\\)", html.escape(text.replace("\\ ", " "), quote=False))


def manual_note(blank: ManualBlank) -> str:
    """What a student reads where a part is graded by hand, and why."""
    why = f": {blank.reason}" if blank.reason else ""
    return f"Graded by hand{why} ({points_text(float(blank.points))}, entered by the teacher)."
