"""Canvas Classic Quizzes: the QTI 1.2 zip Canvas imports ("QTI .zip file"), in Canvas's own
dialect (``question_type`` and ``points_possible`` item metadata, question groups as sections
with a ``selection_number``).

Each part of each exam question becomes a question group that picks 1 of its variants' items;
every item shows its own variant's whole question, so whichever variant is drawn, the item is
complete. A part with one number is a ``numerical_question`` with an exact answer and a margin
(Canvas's rule ``|answer - exact| <= margin``); choice parts are ``multiple_choice_question`` or
``multiple_answers_question`` in the exam's option order; parts graded by hand are
``essay_question``s. Canvas has no item with several numbers under a tolerance, so vectors,
matrices, shapes and intervals are ``fill_in_multiple_blanks_question``s whose blanks accept the
key written to its stated digits, compared as text.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from decimal import Decimal
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
    TextBlank,
)
from generator.export.text import manual_note, points_text, rounding_text
from generator.tolerance import stated_decimal

QTI12 = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CC = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
QUIZ_FILE = "quiz/quiz.xml"
WEB_RESOURCES = "web_resources/dlexam"  # Canvas's folder of course files in its own exports
FILEBASE = "$IMS-CC-FILEBASE$/dlexam"  # how Canvas's QTI items link to those files
FIMB_NOTE = "Type each number {}: Canvas compares these blanks as text."


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


def question_type(blanks: list[Blank]) -> str:
    blank = blanks[0]
    if len(blanks) > 1:
        return "fill_in_multiple_blanks_question"
    if isinstance(blank, NumberBlank):
        return "numerical_question"
    if isinstance(blank, ChoiceBlank):
        return "multiple_answers_question" if blank.multi else "multiple_choice_question"
    if isinstance(blank, TextBlank):
        return "short_answer_question"
    return "essay_question"


def _mattext(parent: etree._Element, text_html: str) -> None:
    _el(_el(parent, "material"), "mattext", text_html, texttype="text/html")


def fimb_forms(blank: Blank) -> list[str]:
    """The texts a fill-in-multiple-blanks blank accepts: the key at its stated digits and
    without trailing zeros (Canvas compares these blanks as text); a bracket as itself."""
    if isinstance(blank, ChoiceBlank):
        return [blank.options[i] for i in sorted(blank.correct)]
    if isinstance(blank, TextBlank):
        return list(blank.answers)
    assert isinstance(blank, NumberBlank), "manual parts have one blank"
    stated = stated_decimal(blank.key, blank.tolerance)
    plain = f"{Decimal(stated).normalize():f}" if "." in stated else stated
    return list(dict.fromkeys([stated, plain]))


def _layout(part: ExportPart) -> str:
    """The part's blanks as Canvas writes them in a question: ``[b1]``, ``[b2]`` ..."""
    names = iter(range(1, len(part.blanks) + 1))
    return "".join(
        html.escape(piece)
        if isinstance(piece, str)
        else "<br>"
        if isinstance(piece, RowBreak)
        else f"[b{next(names)}]"
        for piece in part.pieces
    )


def item_html(variant: ExportVariant, part: ExportPart) -> str:
    """The whole question of this variant, the asked part marked with its answer instruction."""
    unit = f" (in {html.escape(part.unit)})" if part.unit else ""
    ask = (
        f'<p class="dlexam-answer"><strong>Your answer to ({part.label}){unit}'
        f" [{points_text(part.points)}]</strong></p>"
    )
    blanks = part.blanks
    if len(blanks) > 1:
        rule = next((b.tolerance for b in blanks if isinstance(b, NumberBlank)), {})
        note = FIMB_NOTE.format(rounding_text(rule))
        ask += f"<p>{_layout(part)}</p><p><em>{html.escape(note)}</em></p>"
    elif isinstance(blanks[0], ManualBlank):
        ask += f"<p>{html.escape(manual_note(blanks[0]))}</p>"
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
    relink: Callable[[str], str],
) -> None:
    blanks = part.blanks
    item = _el(section, "item", ident=ident, title=f"{part.label} {variant.variant}")
    _metadata(
        _el(item, "itemmetadata"),
        {"question_type": question_type(blanks), "points_possible": number(part.points)},
    )
    presentation = _el(item, "presentation")
    _mattext(presentation, relink(item_html(variant, part)))
    processing = _el(item, "resprocessing")
    outcomes = _el(processing, "outcomes")
    _el(outcomes, "decvar", maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")
    blank = blanks[0]
    if len(blanks) > 1:
        _fill_in_blanks(presentation, processing, ident, blanks)
    elif isinstance(blank, NumberBlank):
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
        _choice(presentation, processing, ident, blank, relink)
    elif isinstance(blank, TextBlank):
        response = _el(presentation, "response_str", ident="response1", rcardinality="Single")
        _el(_el(response, "render_fib"), "response_label", ident="answer1", rshuffle="No")
        condition = _el(processing, "respcondition", **{"continue": "No"})
        test = _el(condition, "conditionvar")
        for answer in blank.answers:
            _el(test, "varequal", answer, respident="response1")
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


def _choice(
    presentation: etree._Element,
    processing: etree._Element,
    ident: str,
    blank: ChoiceBlank,
    relink: Callable[[str], str],
) -> None:
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


def _fill_in_blanks(
    presentation: etree._Element, processing: etree._Element, ident: str, blanks: list[Blank]
) -> None:
    """One ``response_lid`` per blank ``b1``, ``b2`` ... listing its accepted texts; each right
    blank adds its share of 100 (Canvas's fill-in-multiple-blanks scoring)."""
    share = 100 / len(blanks)
    for index, blank in enumerate(blanks, start=1):
        response = _el(presentation, "response_lid", ident=f"response_b{index}")
        _el(_el(response, "material"), "mattext", f"b{index}")
        render = _el(response, "render_choice")
        for number_of_form, form in enumerate(fimb_forms(blank), start=1):
            label = _el(render, "response_label", ident=f"{ident}-b{index}-{number_of_form}")
            _el(_el(label, "material"), "mattext", form, texttype="text/plain")
            condition = _el(processing, "respcondition")
            _el(
                _el(condition, "conditionvar"),
                "varequal",
                label.get("ident"),
                respident=f"response_b{index}",
            )
            _el(condition, "setvar", number(share), action="Add", varname="SCORE")


def quiz_xml(exam: ExportExam, figures: dict[str, bytes]) -> etree._Element:
    """The quiz; its figures are added to ``figures`` by name."""

    def relink(html_text: str) -> str:
        return attach(html_text, lambda name: f"{FILEBASE}/{name}", figures)

    root = etree.Element(f"{{{QTI12}}}questestinterop", nsmap={None: QTI12})
    assessment = _el(root, "assessment", ident=f"A-{exam.slug}", title=exam.title)
    _metadata(assessment, {"cc_maxattempts": "1"})
    top = _el(assessment, "section", ident="root_section")
    for question in exam.questions:
        for part in question.variants[0].parts:
            group = _el(
                top,
                "section",
                ident=f"G{question.position}{part.part_id}",
                title=f"Question {question.position}, part {part.part_id}",
            )
            selection = _el(_el(group, "selection_ordering"), "selection")
            _el(selection, "selection_number", "1")
            extension = _el(selection, "selection_extension")
            _el(extension, "points_per_item", number(part.points))
            for variant in question.variants:
                same = next(p for p in variant.parts if p.part_id == part.part_id)
                ident = f"{variant.variant}-Q{question.position}-{part.part_id}"
                _item(group, ident, variant, same, relink)
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
