"""Moodle XML: one category per exam question holding its variants, each variant one Embedded
Answers (Cloze) question, so "random question from category" gives each student one variant.

The Cloze weight of a blank is its share of the part's points (a vector's entries share them);
when some share is not a whole number every weight of the question is multiplied by the same
factor, since Cloze weights are integers (the quiz's maximum mark sets the question's points).
"""

from __future__ import annotations

import html
import math
from fractions import Fraction

from lxml import etree

from generator.export import cloze
from generator.export.model import (
    Blank,
    ChoiceBlank,
    ExportExam,
    ExportPart,
    ExportVariant,
    ManualBlank,
    NumberBlank,
    RowBreak,
)
from generator.export.text import latex_html, manual_note, points_text

PENALTY = "0"  # a quiz question is answered once; no penalty for retries


def weight_factor(variant: ExportVariant) -> int:
    """The smallest factor making every blank's points a whole Cloze weight."""
    shares = [b.points for p in variant.parts for b in p.blanks if not isinstance(b, ManualBlank)]
    return math.lcm(1, *(Fraction(s).denominator for s in shares))


def _blank(blank: Blank, factor: int, inline: bool) -> str:
    weight = int(blank.points * factor)
    if isinstance(blank, NumberBlank):
        return cloze.numerical(blank, weight)
    if isinstance(blank, ChoiceBlank):
        options = [o if inline else latex_html(o) for o in blank.options]
        return cloze.choice(blank, weight, options, inline)
    return f'<span class="dlexam-manual">{html.escape(manual_note(blank))}</span>'


def part_html(part: ExportPart, factor: int) -> str:
    inline = len(part.blanks) > 1  # brackets of an interval: drop-downs inside the row
    answer = ""
    for piece in part.pieces:
        if isinstance(piece, RowBreak):
            answer += "<br>"
        elif isinstance(piece, str):
            answer += html.escape(piece)
        else:
            answer += _blank(piece, factor, inline)
    unit = f" {html.escape(part.unit)}" if part.unit else ""
    return (
        f'<div class="dlexam-part"><p><strong>({part.label})</strong> {html.escape(part.prompt)}'
        f" <em>[{points_text(part.points)}]</em></p><p>{answer}{unit}</p></div>"
    )


def question_html(variant: ExportVariant, factor: int) -> str:
    return "\n".join(part_html(part, factor) for part in variant.parts)


def feedback_html(variant: ExportVariant) -> str:
    keys = "".join(
        f"<li>({p.label}) {latex_html(p.key_latex, math=True)}</li>"
        for p in variant.parts
        if p.key_latex
    )
    return f"<p>Keys of variant {variant.variant}:</p><ul>{keys}</ul>"


def _text(parent: etree._Element, tag: str, value: str, cdata: bool = False) -> etree._Element:
    element = etree.SubElement(parent, tag)
    if tag != "text":
        element.set("format", "html")
        element = etree.SubElement(element, "text")
    element.text = etree.CDATA(value) if cdata else value
    return element


def moodle_xml(exam: ExportExam) -> bytes:
    quiz = etree.Element("quiz")
    for question in exam.questions:
        category = etree.SubElement(quiz, "question", type="category")
        name = f"$course$/top/{exam.title}/Q{question.position} {question.title}"
        etree.SubElement(etree.SubElement(category, "category"), "text").text = name
        _text(
            category,
            "info",
            f"{len(question.variants)} variant(s) of question "
            f"{question.position}: add a random question from this category to the quiz.",
        )
        for variant in question.variants:
            factor = weight_factor(variant)
            item = etree.SubElement(quiz, "question", type="cloze")
            title = f"Q{question.position} {variant.variant} {variant.title}"
            etree.SubElement(etree.SubElement(item, "name"), "text").text = title
            _text(item, "questiontext", question_html(variant, factor), cdata=True)
            _text(item, "generalfeedback", feedback_html(variant), cdata=True)
            etree.SubElement(item, "penalty").text = PENALTY
            etree.SubElement(item, "hidden").text = "0"
            etree.SubElement(
                item, "idnumber"
            ).text = f"{exam.slug}-q{question.position}-{variant.variant}"
    return bytes(etree.tostring(quiz, xml_declaration=True, encoding="UTF-8", pretty_print=True))
