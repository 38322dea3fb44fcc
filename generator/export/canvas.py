"""Canvas Classic Quizzes: the QTI 1.2 zip Canvas imports ("QTI .zip file"), in Canvas's own
dialect (``question_type`` and ``points_possible`` item metadata, question groups as sections
with a ``selection_number``).

A Canvas item holds one answer, so every blank of a part is its own item: a
``numerical_question`` with an exact answer and a margin (Canvas's rule ``|answer - exact| <=
margin``), a ``multiple_choice_question`` or ``multiple_answers_question`` in the exam's option
order, an ``essay_question`` for parts graded by hand. Each blank of each exam question becomes a
question group that picks 1 of the variants' items; every item repeats its own variant's question,
so whichever variant is drawn, the item is complete.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from lxml import etree

from generator.export.cloze import number
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
)
from generator.export.text import manual_note, points_text

QTI12 = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CC = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
QUIZ_FILE = "quiz/quiz.xml"
WEB_RESOURCES = "web_resources/dlexam"  # Canvas's folder of course files in its own exports
FILEBASE = "$IMS-CC-FILEBASE$/dlexam"  # how Canvas's QTI items link to those files


def _el(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> Any:
    element = etree.SubElement(parent, f"{{{QTI12}}}{tag}", attrs)
    element.text = text
    return element


def _metadata(parent: etree._Element, fields: dict[str, str]) -> None:
    metadata = _el(parent, "qtimetadata")
    for label, entry in fields.items():
        field = _el(metadata, "qtimetadatafield")
        _el(field, "fieldlabel", label)
        _el(field, "fieldentry", entry)


def question_type(blank: Blank) -> str:
    if isinstance(blank, NumberBlank):
        return "numerical_question"
    if isinstance(blank, ChoiceBlank):
        return "multiple_answers_question" if blank.multi else "multiple_choice_question"
    return "essay_question"


def _mattext(parent: etree._Element, text_html: str) -> None:
    _el(_el(parent, "material"), "mattext", text_html, texttype="text/html")


def _which(part: ExportPart, index: int) -> str:
    """Which blank of the part this item asks, with the part's layout (``[▢, …]``)."""
    if len(part.blanks) == 1:
        return ""
    layout = "".join(
        "▢"
        if piece is part.blanks[index]
        else piece
        if isinstance(piece, str)
        else "; "
        if isinstance(piece, RowBreak)
        else "…"
        for piece in part.pieces
    )
    return f" Answer only blank {index + 1} of {len(part.blanks)}, the ▢ in {layout}."


def item_html(variant: ExportVariant, part: ExportPart, index: int) -> str:
    """The whole question of this variant, the asked part marked with its answer instruction."""
    blank = part.blanks[index]
    unit = f" (in {part.unit})" if part.unit else ""
    ask = (
        f'<p class="dlexam-answer"><strong>Your answer to ({part.label}){unit}'
        f" [{points_text(float(blank.points))}]:</strong>"
        f"{html.escape(_which(part, index))}</p>"
    )
    if isinstance(blank, ManualBlank):
        ask += f"<p>{html.escape(manual_note(blank))}</p>"
    blocks = []
    for shown, text in variant.flow():
        label = f"<p><strong>({shown.label})</strong></p>" if shown is not None else ""
        blocks.append(label + text + (ask if shown is part else ""))
    return "\n".join(blocks)


def _item(
    section: etree._Element,
    ident: str,
    variant: ExportVariant,
    part: ExportPart,
    index: int,
    relink: Callable[[str], str],
) -> None:
    blank = part.blanks[index]
    item = _el(section, "item", ident=ident, title=f"{part.label} {variant.variant}")
    _metadata(
        _el(item, "itemmetadata"),
        {
            "question_type": question_type(blank),
            "points_possible": number(float(blank.points)),
        },
    )
    presentation = _el(item, "presentation")
    _mattext(presentation, relink(item_html(variant, part, index)))
    processing = _el(item, "resprocessing")
    outcomes = _el(processing, "outcomes")
    _el(outcomes, "decvar", maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")
    if isinstance(blank, NumberBlank):
        response = _el(presentation, "response_str", ident="response1", rcardinality="Single")
        _el(_el(response, "render_fib", fibtype="Decimal"), "response_label", ident="answer1")
        condition = _el(processing, "respcondition", **{"continue": "No"})
        either = _el(_el(condition, "conditionvar"), "or")
        _el(either, "varequal", number(blank.key), respident="response1")
        both = _el(either, "and")
        _el(both, "vargte", number(blank.key - blank.width), respident="response1")
        _el(both, "varlte", number(blank.key + blank.width), respident="response1")
        _el(condition, "setvar", "100", action="Set", varname="SCORE")
    elif isinstance(blank, ChoiceBlank):
        cardinality = "Multiple" if blank.multi else "Single"
        response = _el(presentation, "response_lid", ident="response1", rcardinality=cardinality)
        render = _el(response, "render_choice")
        idents = [f"{ident}-{i + 1}" for i in range(len(blank.options))]
        for option, option_ident in zip(blank.options, idents, strict=True):
            _mattext(_el(render, "response_label", ident=option_ident), relink(option))
        condition = _el(processing, "respcondition", **{"continue": "No"})
        test = _el(condition, "conditionvar")
        if blank.multi:
            test = _el(test, "and")
        for i, option_ident in enumerate(idents):
            if i in blank.correct:
                _el(test, "varequal", option_ident, respident="response1")
            elif blank.multi:
                _el(_el(test, "not"), "varequal", option_ident, respident="response1")
        _el(condition, "setvar", "100", action="Set", varname="SCORE")
    else:
        response = _el(presentation, "response_str", ident="response1", rcardinality="Single")
        _el(_el(response, "render_fib"), "response_label", ident="answer1", rshuffle="No")
        _el(_el(_el(processing, "respcondition", **{"continue": "No"}), "conditionvar"), "other")
    show = _el(processing, "respcondition", **{"continue": "Yes"})
    _el(_el(show, "conditionvar"), "other")
    _el(show, "displayfeedback", feedbacktype="Response", linkrefid="general_fb")
    feedback = _el(item, "itemfeedback", ident="general_fb")
    _mattext(_el(feedback, "flow_mat"), relink(variant.solution()))


def quiz_xml(exam: ExportExam, figures: dict[str, bytes]) -> etree._Element:
    """The quiz; its figures are added to ``figures`` by name."""

    def relink(html_text: str) -> str:
        return attach(html_text, lambda name: f"{FILEBASE}/{name}", figures)

    root = etree.Element(f"{{{QTI12}}}questestinterop", nsmap={None: QTI12})
    assessment = _el(root, "assessment", ident=f"A-{exam.slug}", title=exam.title)
    _metadata(assessment, {"cc_maxattempts": "1"})
    top = _el(assessment, "section", ident="root_section")
    for question in exam.questions:
        first = question.variants[0]
        for part in first.parts:
            for index, blank in enumerate(part.blanks):
                group = _el(
                    top,
                    "section",
                    ident=f"G{part.label}-{index + 1}",
                    title=f"Question {question.position} ({part.label})"
                    + (f" blank {index + 1}" if len(part.blanks) > 1 else ""),
                )
                selection = _el(_el(group, "selection_ordering"), "selection")
                _el(selection, "selection_number", "1")
                extension = _el(selection, "selection_extension")
                _el(extension, "points_per_item", number(float(blank.points)))
                for variant in question.variants:
                    same = next(p for p in variant.parts if p.label == part.label)
                    ident = f"{variant.variant}-{part.label}-{index + 1}"
                    _item(group, ident, variant, same, index, relink)
    return root


def manifest(exam: ExportExam, figures: list[str]) -> etree._Element:
    root = etree.Element(f"{{{CC}}}manifest", identifier=f"M-{exam.slug}", nsmap={None: CC})
    metadata = etree.SubElement(root, f"{{{CC}}}metadata")
    etree.SubElement(metadata, f"{{{CC}}}schema").text = "IMS Content"
    etree.SubElement(metadata, f"{{{CC}}}schemaversion").text = "1.1.3"
    etree.SubElement(root, f"{{{CC}}}organizations")
    resources = etree.SubElement(root, f"{{{CC}}}resources")
    resource = etree.SubElement(
        resources, f"{{{CC}}}resource", identifier="quiz", type="imsqti_xmlv1p2", href=QUIZ_FILE
    )
    etree.SubElement(resource, f"{{{CC}}}file", href=QUIZ_FILE)
    for name in figures:
        href = f"{WEB_RESOURCES}/{name}"
        figure = etree.SubElement(
            resources, f"{{{CC}}}resource", identifier=name, type="webcontent", href=href
        )
        etree.SubElement(figure, f"{{{CC}}}file", href=href)
    return root


def canvas_files(exam: ExportExam) -> dict[str, bytes]:
    def text(element: etree._Element) -> bytes:
        return bytes(
            etree.tostring(element, xml_declaration=True, encoding="UTF-8", pretty_print=True)
        )

    figures: dict[str, bytes] = {}
    files = {QUIZ_FILE: text(quiz_xml(exam, figures))}
    files["imsmanifest.xml"] = text(manifest(exam, sorted(figures)))
    files.update({f"{WEB_RESOURCES}/{name}": data for name, data in figures.items()})
    return dict(sorted(files.items()))
