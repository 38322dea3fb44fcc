"""Moodle's Embedded Answers (Cloze) syntax: ``{weight:TYPE:=right#feedback~%50%half#why}``.

Inside the braces ``}``, ``#``, ``~``, ``/``, ``"`` and ``\\`` have meanings, so answer and
feedback texts escape them with a backslash (Moodle's documented rule); ``{`` needs no escape.
Numbers are written positionally (``0.000000001``, never ``1e-09``), the form Moodle's Cloze
parser reads, with as many digits as the float needs to round-trip.
"""

from __future__ import annotations

import numpy as np

from generator.export.model import ChoiceBlank, NumberBlank, TextBlank

SPECIAL = '\\}#~/"'
PERCENT_DIGITS = 5


def escape(text: str) -> str:
    """Escape Cloze's special characters (backslash first, so escapes are not doubled)."""
    for char in SPECIAL:
        text = text.replace(char, "\\" + char)
    return text


def number(value: float) -> str:
    return str(np.format_float_positional(value, trim="-"))


def percent(fraction: float) -> str:
    text = f"{100 * fraction:.{PERCENT_DIGITS}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def numerical(blank: NumberBlank, weight: int) -> str:
    """NUMERICAL: the key with its absolute tolerance, then accepted alternatives for less."""
    answers = [f"={number(blank.key)}:{number(blank.width)}"]
    answers += [
        f"%{percent(fraction)}%{number(value)}:{number(blank.width)}#{escape(why)}"
        for value, fraction, why in blank.alternatives
    ]
    return "{" + f"{weight}:NUMERICAL:" + "~".join(answers) + "}"


def choice(blank: ChoiceBlank, weight: int, options: list[str], inline: bool) -> str:
    """MULTICHOICE (a drop-down inline, radio buttons otherwise) or MULTIRESPONSE (check boxes),
    options in the exam's order (no ``_S`` shuffle). A multi part gives each right option
    1/|key| and takes 1/|key| for each wrong one, floored at 0 (Moodle's only multi rule)."""
    if blank.multi:
        share = 1 / len(blank.correct)
        marks = [percent(share if i in blank.correct else -share) for i in range(len(options))]
        body = "~".join(
            f"%{mark}%{escape(text)}" for mark, text in zip(marks, options, strict=True)
        )
        return "{" + f"{weight}:MULTIRESPONSE:{body}" + "}"
    body = "~".join(
        ("=" if i in blank.correct else "") + escape(text) for i, text in enumerate(options)
    )
    return "{" + f"{weight}:{'MULTICHOICE' if inline else 'MULTICHOICE_V'}:{body}" + "}"


def shortanswer(blank: TextBlank, weight: int) -> str:
    """SHORTANSWER (case ignored): every accepted text is a full-mark answer."""
    return "{" + f"{weight}:SHORTANSWER:" + "~".join("=" + escape(a) for a in blank.answers) + "}"
