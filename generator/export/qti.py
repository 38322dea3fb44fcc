"""IMS QTI 2.1 content package: one ``assessmentItem`` per variant and question, an
``assessmentTest`` whose sections select one variant per question, and ``imsmanifest.xml``.

Numbers are ``textEntryInteraction``s of base type float, compared by ``equal`` with the part's
tolerance (``relative`` for a relative rule, where QTI's percentage expresses it, else
``absolute``). A part's score is all-or-nothing over its blanks (every entry of a vector, every
end of an interval), as ``dlexam grade`` scores it; choice parts use ``match`` or, for partial and
negative marking, a mapping; manual parts are ``extendedTextInteraction``s without a score. The
worked solution is modal feedback shown after the attempt.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
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
from generator.export.text import manual_note, points_text
from generator.export.xhtml import append_html

QTI = "http://www.imsglobal.org/xsd/imsqti_v2p1"
CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
QTI_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
CP_XSD = "http://www.imsglobal.org/xsd/imscp_v1p1 http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
SOLUTION = "SOLUTION"
MEDIA = "media"


def _q(tag: str) -> str:
    return f"{{{QTI}}}{tag}"


def _el(parent: etree._Element | None, tag: str, text: str | None = None, **attrs: str) -> Any:
    if parent is None:
        element = etree.Element(_q(tag), attrs, nsmap={None: QTI, "xsi": XSI})
    else:
        element = etree.SubElement(parent, _q(tag), attrs)
    if text is not None:
        element.text = text
    return element


def _float(value: float | Fraction) -> str:
    return number(float(value))


def item_id(position: int, variant: str) -> str:
    return f"Q{position}-{variant}"


@dataclass
class _Blank:
    """A blank with its response identifier."""

    identifier: str
    blank: Blank


def _declare(item: etree._Element, blank: _Blank) -> None:
    b = blank.blank
    if isinstance(b, NumberBlank):
        declaration = _el(
            item,
            "responseDeclaration",
            identifier=blank.identifier,
            cardinality="single",
            baseType="float",
        )
        _el(_el(declaration, "correctResponse"), "value", _float(b.key))
    elif isinstance(b, ChoiceBlank):
        cardinality = "multiple" if b.multi else "single"
        declaration = _el(
            item,
            "responseDeclaration",
            identifier=blank.identifier,
            cardinality=cardinality,
            baseType="identifier",
        )
        correct = _el(declaration, "correctResponse")
        for index in sorted(b.correct):
            _el(correct, "value", LETTERS[index])
        if b.scoring != "all-or-nothing":
            _mapping(declaration, b)
    else:
        declaration = _el(
            item,
            "responseDeclaration",
            identifier=blank.identifier,
            cardinality="single",
            baseType="string",
        )
        if isinstance(b, TextBlank):
            _el(_el(declaration, "correctResponse"), "value", b.answers[0])


def _mapping(declaration: etree._Element, blank: ChoiceBlank) -> None:
    """Per-option marks (as fractions of the part): right ones 1/|key|, wrong ones -1/|key|
    (a single choice under negative marking: -1/(options - 1)), floored at 0 or -1."""
    wrong = 1 / (len(blank.options) - 1) if not blank.multi else 1 / len(blank.correct)
    right = 1.0 if not blank.multi else 1 / len(blank.correct)
    lower = "-1" if blank.scoring == "negative" else "0"
    if not blank.multi and blank.scoring == "partial":
        wrong = 0.0
    mapping = _el(declaration, "mapping", lowerBound=lower, upperBound="1", defaultValue="0")
    for index in range(len(blank.options)):
        value = right if index in blank.correct else -wrong
        _el(mapping, "mapEntry", mapKey=LETTERS[index], mappedValue=_float(value))


def _condition(blank: _Blank) -> etree._Element:
    """True when the blank's response is right (a number within its tolerance)."""
    b = blank.blank
    if isinstance(b, NumberBlank):
        mode, width = qti_tolerance(b)
        equal = _el(None, "equal", toleranceMode=mode, tolerance=f"{width} {width}")
        _el(equal, "correct", identifier=blank.identifier)
        _el(equal, "variable", identifier=blank.identifier)
        return equal
    if isinstance(b, TextBlank):
        either = _el(None, "or")
        for answer in b.answers:
            same = _el(either, "stringMatch", caseSensitive="false")
            _el(same, "variable", identifier=blank.identifier)
            _el(same, "baseValue", answer, baseType="string")
        return either
    match = _el(None, "match")
    _el(match, "variable", identifier=blank.identifier)
    _el(match, "correct", identifier=blank.identifier)
    return match


def qti_tolerance(blank: NumberBlank) -> tuple[str, str]:
    """``equal``'s mode and tolerance: a relative rule stays relative (in percent) where its
    width is the accepted width (a positive key, above the absolute floor); every other rule is
    the absolute width at this key. ``exact`` when nothing but the key is accepted."""
    if blank.width == 0:
        return "exact", "0"
    rel = blank.tolerance.get("rel", 0.0)
    if blank.tolerance.get("mode") == "rel" and blank.key > 0 and blank.width == rel * blank.key:
        return "relative", number(100 * rel)
    return "absolute", number(blank.width)


def _add_score(parent: etree._Element, points: etree._Element) -> None:
    update = _el(parent, "setOutcomeValue", identifier="SCORE")
    total = _el(update, "sum")
    _el(total, "variable", identifier="SCORE")
    total.append(points)


def _base(value: float | Fraction) -> etree._Element:
    return _el(None, "baseValue", _float(value), baseType="float")


def _score_part(processing: etree._Element, part: ExportPart, blanks: list[_Blank]) -> None:
    scored = [b for b in blanks if not isinstance(b.blank, ManualBlank)]
    if not scored:
        return
    first = scored[0].blank
    if isinstance(first, ChoiceBlank) and len(scored) == 1 and first.scoring != "all-or-nothing":
        product = _el(None, "product")
        product.append(_base(part.points))
        _el(product, "mapResponse", identifier=scored[0].identifier)
        _add_score(processing, product)
        return
    condition = _el(processing, "responseCondition")
    branch = _el(condition, "responseIf")
    both = _el(branch, "and")
    for blank in scored:
        both.append(_condition(blank))
    _add_score(branch, _base(part.points))
    if isinstance(first, NumberBlank) and len(scored) == 1:
        for value, fraction, _why in first.alternatives:
            other = _el(condition, "responseElseIf")
            mode, width = qti_tolerance(first)
            equal = _el(other, "equal", toleranceMode=mode, tolerance=f"{width} {width}")
            _el(equal, "baseValue", _float(value), baseType="float")
            _el(equal, "variable", identifier=scored[0].identifier)
            _add_score(other, _base(part.points * fraction))


def _interaction(parent: etree._Element, blank: _Blank, inline: bool) -> None:
    b = blank.blank
    if isinstance(b, NumberBlank | TextBlank):
        _el(
            parent, "textEntryInteraction", responseIdentifier=blank.identifier, expectedLength="12"
        )
    elif isinstance(b, ChoiceBlank) and inline:
        choice = _el(
            parent, "inlineChoiceInteraction", responseIdentifier=blank.identifier, shuffle="false"
        )
        for index, text in enumerate(b.options):
            _el(choice, "inlineChoice", text, identifier=LETTERS[index])
    elif isinstance(b, ChoiceBlank):
        max_choices = "0" if b.multi else "1"
        choice = _el(
            parent,
            "choiceInteraction",
            responseIdentifier=blank.identifier,
            shuffle="false",
            maxChoices=max_choices,
        )
        for index, text in enumerate(b.options):
            append_html(_el(choice, "simpleChoice", identifier=LETTERS[index]), text, QTI)
    else:
        _el(parent, "p", manual_note(b))
        _el(parent, "extendedTextInteraction", responseIdentifier=blank.identifier)


def assessment_item(
    position: int, variant: ExportVariant, files: dict[str, bytes]
) -> etree._Element:
    """The item of one variant of one question; its figures are added to ``files`` (by name,
    linked as ``media/<name>`` next to the item)."""

    def relinked(html: str) -> str:
        return attach(html, lambda name: f"{MEDIA}/{name}", files)

    item = _el(
        None,
        "assessmentItem",
        identifier=item_id(position, variant.variant),
        title=f"Q{position} {variant.variant} {variant.title}",
        adaptive="false",
        timeDependent="false",
    )
    item.set(f"{{{XSI}}}schemaLocation", f"{QTI} {QTI_XSD}")
    parts = [
        (part, [_Blank(f"R{part.label}_{i + 1}", b) for i, b in enumerate(part.blanks)])
        for part in variant.parts
    ]
    for _, blanks in parts:
        for blank in blanks:
            _declare(item, blank)
    for name, value in (("SCORE", 0.0), ("MAXSCORE", variant.points)):
        outcome = _el(
            item, "outcomeDeclaration", identifier=name, cardinality="single", baseType="float"
        )
        _el(_el(outcome, "defaultValue"), "value", _float(value))
    _el(
        item,
        "outcomeDeclaration",
        identifier="FEEDBACK",
        cardinality="single",
        baseType="identifier",
    )
    body = _el(item, "itemBody")
    blanks_of = {part.label: blanks for part, blanks in parts}
    for part, text in variant.flow():
        if part is None:
            append_html(body, relinked(text), QTI)
            continue
        box = _el(body, "div", **{"class": "dlexam-part"})
        heading = _el(box, "p")
        _el(heading, "strong", f"({part.label})").tail = f" [{points_text(part.points)}]"
        append_html(box, relinked(text), QTI)
        _answer_row(box, part, blanks_of[part.label])
    processing = _el(item, "responseProcessing")
    for part, blanks in parts:
        _score_part(processing, part, blanks)
    show = _el(processing, "setOutcomeValue", identifier="FEEDBACK")
    _el(show, "baseValue", SOLUTION, baseType="identifier")
    feedback = _el(
        item,
        "modalFeedback",
        outcomeIdentifier="FEEDBACK",
        showHide="show",
        identifier=SOLUTION,
        title="Worked solution",
    )
    append_html(_el(feedback, "div"), relinked(variant.solution()), QTI)
    return item


def _answer_row(box: etree._Element, part: ExportPart, blanks: list[_Blank]) -> None:
    row = _el(box, "div", **{"class": "dlexam-answer"})
    inline = len(blanks) > 1
    identifiers = iter(blanks)
    for piece in part.pieces:
        if isinstance(piece, RowBreak):
            _el(row, "br")
        elif isinstance(piece, str):
            _append_text(row, piece)
        else:
            _interaction(row, next(identifiers), inline)
    if part.unit:
        _append_text(row, f" {part.unit}")


def _append_text(parent: etree._Element, text: str) -> None:
    """Text after the last child (its tail) or inside an empty parent."""
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def assessment_test(exam: ExportExam) -> etree._Element:
    test = _el(None, "assessmentTest", identifier=f"T-{exam.slug}", title=exam.title)
    test.set(f"{{{XSI}}}schemaLocation", f"{QTI} {QTI_XSD}")
    for name in ("SCORE", "MAXSCORE"):
        _el(test, "outcomeDeclaration", identifier=name, cardinality="single", baseType="float")
    part = _el(
        test, "testPart", identifier="P1", navigationMode="nonlinear", submissionMode="simultaneous"
    )
    for question in exam.questions:
        section = _el(
            part,
            "assessmentSection",
            identifier=f"S{question.position}",
            title=f"Question {question.position}: {question.title}",
            visible="true",
        )
        _el(section, "selection", select="1")
        for variant in question.variants:
            identifier = item_id(question.position, variant.variant)
            _el(section, "assessmentItemRef", identifier=identifier, href=f"items/{identifier}.xml")
    processing = _el(test, "outcomeProcessing")
    for name in ("SCORE", "MAXSCORE"):
        total = _el(_el(processing, "setOutcomeValue", identifier=name), "sum")
        _el(total, "testVariables", variableIdentifier=name)
    return test


def manifest(exam: ExportExam, items: dict[str, list[str]]) -> etree._Element:
    def cp(parent: etree._Element | None, tag: str, text: str | None = None, **attrs: str) -> Any:
        name = f"{{{CP}}}{tag}"
        element = (
            etree.Element(name, attrs, nsmap={None: CP, "xsi": XSI})
            if parent is None
            else etree.SubElement(parent, name, attrs)
        )
        element.text = text
        return element

    root = cp(None, "manifest", identifier=f"M-{exam.slug}")
    root.set(f"{{{XSI}}}schemaLocation", CP_XSD)
    metadata = cp(root, "metadata")
    cp(metadata, "schema", "QTIv2.1 Package")
    cp(metadata, "schemaversion", "1.0.0")
    cp(root, "organizations")
    resources = cp(root, "resources")
    test = cp(resources, "resource", identifier="TEST", type="imsqti_test_xmlv2p1", href="test.xml")
    cp(test, "file", href="test.xml")
    for identifier in items:
        cp(test, "dependency", identifierref=identifier)
    for identifier, media in items.items():
        href = f"items/{identifier}.xml"
        resource = cp(
            resources, "resource", identifier=identifier, type="imsqti_item_xmlv2p1", href=href
        )
        for path in [href, *media]:
            cp(resource, "file", href=path)
    return root


def _bytes(element: etree._Element) -> bytes:
    etree.cleanup_namespaces(element)
    return bytes(etree.tostring(element, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def qti_files(exam: ExportExam) -> dict[str, bytes]:
    """Every file of the package by its path in the zip."""
    files: dict[str, bytes] = {}
    items: dict[str, list[str]] = {}
    for question in exam.questions:
        for variant in question.variants:
            identifier = item_id(question.position, variant.variant)
            figures: dict[str, bytes] = {}
            item = assessment_item(question.position, variant, figures)
            files[f"items/{identifier}.xml"] = _bytes(item)
            files.update({f"items/{MEDIA}/{name}": data for name, data in figures.items()})
            items[identifier] = [f"items/{MEDIA}/{name}" for name in sorted(figures)]
    files["test.xml"] = _bytes(assessment_test(exam))
    files["imsmanifest.xml"] = _bytes(manifest(exam, items))
    return dict(sorted(files.items()))
