"""Moodle XML: one category per exam question holding its variants, each variant one Embedded
Answers (Cloze) question, so "random question from category" gives each student one variant.

The Cloze weight of a blank is its share of the part's points (a vector's entries share them);
when some share is not a whole number every weight of the question is multiplied by the same
factor, since Cloze weights are integers (the quiz's maximum mark sets the question's points).
"""

from __future__ import annotations

import base64
import html
import math
from fractions import Fraction

from lxml import etree

from generator.export import cloze
from generator.export.files import attach
from generator.export.model import (
    Blank,
    ChoiceBlank,
    ExportExam,
    ExportPart,
    ExportVariant,
    ManualBlank,
    NumberBlank,
    RowBreak,
    TextBlank,
)
from generator.export.text import manual_note, points_text

PENALTY = "0"  # a quiz question is answered once; no penalty for retries
PLUGINFILE = "@@PLUGINFILE@@"


def weight_factor(variant: ExportVariant) -> int:
    """The smallest factor making every blank's points a whole Cloze weight."""
    shares = [b.points for p in variant.parts for b in p.blanks if not isinstance(b, ManualBlank)]
    return math.lcm(1, *(Fraction(s).denominator for s in shares))


def _blank(blank: Blank, factor: int, inline: bool) -> str:
    weight = int(blank.points * factor)
    if isinstance(blank, NumberBlank):
        return cloze.numerical(blank, weight)
    if isinstance(blank, ChoiceBlank):
        return cloze.choice(blank, weight, list(blank.options), inline)
    if isinstance(blank, TextBlank):
        return cloze.shortanswer(blank, weight)
    return f'<span class="dlexam-manual">{html.escape(manual_note(blank))}</span>'


def answer_html(part: ExportPart, factor: int) -> str:
    """The part's row of blanks (a matrix row per line), its unit, or the hand-grading note."""
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
    return f'<p class="dlexam-answer">{answer}{unit}</p>'


def question_html(variant: ExportVariant, factor: int) -> str:
    """The family's question text with each part's blanks after the part's own text."""
    blocks = []
    for part, text in variant.flow():
        if part is None:
            blocks.append(text)
            continue
        heading = f"<p><strong>({part.label})</strong> <em>[{points_text(part.points)}]</em></p>"
        blocks.append(f'<div class="dlexam-part">{heading}{text}{answer_html(part, factor)}</div>')
    return "\n".join(blocks)


def _text(parent: etree._Element, tag: str, value: str) -> etree._Element:
    """A Moodle text field: HTML, in CDATA when it may be, its figures as base64 files."""
    element = etree.SubElement(parent, tag, format="html")
    files: dict[str, bytes] = {}
    value = attach(value, lambda name: f"{PLUGINFILE}/{name}", files)
    etree.SubElement(element, "text").text = value if "]]>" in value else etree.CDATA(value)
    for name, data in files.items():
        file = etree.SubElement(element, "file", name=name, path="/", encoding="base64")
        file.text = base64.b64encode(data).decode("ascii")
    return element


def category_name(text: str) -> str:
    """A category in Moodle's path syntax, where ``/`` separates categories and ``//`` is a slash
    in a name (a title such as "Xavier/Glorot ..." stays one category)."""
    return text.replace("/", "//")


def moodle_xml(exam: ExportExam) -> bytes:
    quiz = etree.Element("quiz")
    for question in exam.questions:
        category = etree.SubElement(quiz, "question", type="category")
        folders = (exam.title, f"Q{question.position} {question.title}")
        name = "$course$/top/" + "/".join(category_name(folder) for folder in folders)
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
            _text(item, "questiontext", question_html(variant, factor))
            _text(item, "generalfeedback", variant.solution())
            etree.SubElement(item, "penalty").text = PENALTY
            etree.SubElement(item, "hidden").text = "0"
            etree.SubElement(
                item, "idnumber"
            ).text = f"{exam.slug}-q{question.position}-{variant.variant}"
    return bytes(etree.tostring(quiz, xml_declaration=True, encoding="UTF-8", pretty_print=True))
