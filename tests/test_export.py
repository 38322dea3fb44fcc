"""The LMS exports, read back the way each target reads them.

For every bundled spec and every format: the file is well formed (and schema-valid for QTI 2.1
and IMS CP, against the vendored official XSDs); the blanks found in it, scored by the target's
own rule (Moodle and Canvas: ``|answer - key| <= tolerance``; QTI: the package's own response
processing, interpreted here), accept the key's decimal of every part and refuse an answer just
outside the tolerance, and the grader agrees on both; questions, variants and points match
keys.json. A property test checks on random variants of every family that the exported width
accepts exactly the decimals ``dlexam grade`` accepts near the key.
"""

from __future__ import annotations

import io
import itertools
import math
import re
import zipfile
from decimal import Decimal
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import xmlschema
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from generator.cli import main
from generator.export import canvas, cloze, qti
from generator.export.model import (
    ChoiceBlank,
    ExportExam,
    ExportPart,
    ExportVariant,
    NumberBlank,
    TextBlank,
    export_exam,
    export_part,
)
from generator.export.moodle import moodle_xml
from generator.export.package import zip_bytes
from generator.instance import Instance
from generator.outputs.html import QuestionHtml
from generator.registry import default_registry
from generator.spec import SPEC_DIR, load_spec
from generator.tolerance import entry_tolerance, half_width, stated_decimal, stated_unit
from generator.variants import build_exam
from grader import compare
from grader.part import KeyPart, grade_part
from grader.reading import Num, number_from

EDGE_CASES = Path(__file__).resolve().parent / "specs" / "lms_edge_cases.yaml"
SPECS = [*sorted(SPEC_DIR.glob("*.yaml")), EDGE_CASES]
VARIANTS = 2
SCHEMAS = Path(__file__).resolve().parents[1] / "generator" / "schema" / "ims"
NUMERIC = ("integer", "number", "vector", "matrix", "shape", "interval", "set")
FULL = ("correct", "within-tolerance")


def _groups(pattern: str, text: str | None) -> tuple[str, ...]:
    """The groups of ``pattern`` matched by all of ``text`` (an identifier the export wrote)."""
    match = re.fullmatch(pattern, text or "")
    assert match is not None, (pattern, text)
    return match.groups()


@cache
def exported(spec_path: Path) -> ExportExam:
    spec = load_spec(spec_path, default_registry())
    return export_exam(build_exam(spec, VARIANTS))


@cache
def schema(name: str) -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(SCHEMAS / name))


# -- what keys.json says each part asks --------------------------------------------------------
def key_parts(exam: ExportExam, position: int, variant: str) -> list[dict[str, Any]]:
    for entry in exam.keys["variants"]:
        if entry["id"] == variant:
            question = next(q for q in entry["questions"] if q["position"] == position)
            return list(question["parts"])
    raise AssertionError(f"{variant} not in keys.json")


def expected_blanks(raw: dict[str, Any]) -> list[tuple[str, Any]]:
    """The blanks a part needs, in order, from its keys.json entry alone: ("number", value),
    ("bracket", is open) or ("choice", right labels); manual-style parts need none."""
    kind = raw["kind"]
    if kind in ("integer", "number"):
        return [number_or_text(raw["value"])]
    if kind in ("vector", "shape"):
        return [number_or_text(v) for v in raw["value"]]
    if kind == "matrix":
        return [number_or_text(v) for row in raw["value"] for v in row]
    if kind in ("interval", "set"):
        blanks: list[tuple[str, Any]] = []
        for lo, hi, lo_open, hi_open in compare.set_pieces(KeyPart(raw).key):
            if math.isfinite(lo.approx):
                blanks += [("bracket", lo_open), ("number", lo.approx)]
            if math.isfinite(hi.approx):
                blanks += [("number", hi.approx), ("bracket", hi_open)]
        return blanks
    if kind in ("choice", "multi"):
        return [("choice", set(raw["exact"].split(",")))]
    return []


def number_or_text(value: float | str) -> tuple[str, Any]:
    """keys.json writes an infinite key as "inf" or "-inf": that blank takes text."""
    return ("text", None) if value in ("inf", "-inf") else ("number", value)


def blank_width(raw: dict[str, Any], want: float) -> float:
    """The grader's half width at one number blank: vector and matrix entries share a floor
    set by their largest entry (``entry_tolerance``)."""
    tolerance = raw["tolerance"]
    if raw["kind"] in ("vector", "matrix"):
        entries = [w for kind, w in expected_blanks(raw) if kind == "number"]
        tolerance = entry_tolerance(tolerance, entries)
    return half_width(float(want), tolerance)


def just_outside(value: float, width: float) -> float:
    return value + width + 1e-6 * max(1.0, abs(value), width)


def grader_full(raw: dict[str, Any], text: str) -> bool:
    return grade_part(KeyPart(raw), text).status in FULL


# -- Moodle --------------------------------------------------------------------------------------
SUBQUESTION = re.compile(r"\{(\d+):([A-Z_]+):((?:\\.|[^\\}])*)\}")


def split_unescaped(text: str, separator: str) -> list[str]:
    pieces, current, index = [], "", 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            current += text[index : index + 2]
            index += 2
            continue
        if char == separator:
            pieces.append(current)
            current = ""
        else:
            current += char
        index += 1
    return [*pieces, current]


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def cloze_answers(body: str) -> list[tuple[float, str, str]]:
    """(fraction, answer, feedback) of each ``~``-separated answer, as Moodle reads them."""
    answers = []
    for answer in split_unescaped(body, "~"):
        fraction = 1.0 if answer.startswith("=") else 0.0
        answer = answer.removeprefix("=")
        if match := re.match(r"%(-?[0-9.]+)%", answer):
            fraction, answer = float(match[1]) / 100, answer[match.end() :]
        text, *feedback = split_unescaped(answer, "#")
        answers.append((fraction, unescape(text), unescape(feedback[0]) if feedback else ""))
    return answers


def moodle_numerical(answers: list[tuple[float, str, str]], response: float) -> float:
    """Moodle's NUMERICAL rule: the best answer with ``|response - answer| <= tolerance``."""
    marks = [0.0]
    for fraction, text, _ in answers:
        value, tolerance = (float(x) for x in text.split(":"))
        if abs(response - value) <= tolerance:
            marks.append(fraction)
    return max(marks)


@pytest.mark.parametrize("spec_path", SPECS, ids=lambda path: path.name)
def test_moodle_export_scores_like_the_keys(spec_path: Path) -> None:
    exam = exported(spec_path)
    root = etree.fromstring(moodle_xml(exam))
    categories = root.findall("question[@type='category']")
    clozes = root.findall("question[@type='cloze']")
    assert len(categories) == len(exam.keys["variants"][0]["questions"])
    for category in categories:  # two levels: exam, question (a "/" in a title is "//")
        path = category.findtext("category/text").removeprefix("$course$/top/")
        assert len(re.split(r"(?<!/)/(?!/)", path)) == 2
    assert len(clozes) == len(categories) * VARIANTS
    for item in clozes:
        slug, position, variant = _groups(r"(.+)-q(\d+)-(V\d+)", item.findtext("idnumber"))
        assert slug == exam.slug
        text = item.findtext("questiontext/text")
        assert item.findtext("generalfeedback/text").strip()
        subquestions = SUBQUESTION.findall(text)
        weights = 0
        for raw in key_parts(exam, int(position), variant):
            if raw["kind"] in ("manual", "expression", "constraint"):
                assert "Graded by hand" in text
                continue
            blanks = expected_blanks(raw)
            mine, subquestions = subquestions[: len(blanks)], subquestions[len(blanks) :]
            part_weight = 0
            for (kind, want), (weight, qtype, body) in zip(blanks, mine, strict=True):
                part_weight += int(weight)
                answers = cloze_answers(body)
                if kind == "number":
                    assert qtype == "NUMERICAL"
                    key = stated_decimal(want, raw["tolerance"])
                    assert moodle_numerical(answers, float(key)) == 1.0, (raw["id"], key, body)
                    width = float(answers[0][1].split(":")[1])
                    assert width == blank_width(raw, want)
                    assert moodle_numerical(answers, just_outside(want, width)) < 1.0
                elif kind == "text":
                    assert qtype == "SHORTANSWER"
                    accepted = [option for fraction, option, _ in answers if fraction == 1.0]
                    assert raw["exact"] in accepted
                    assert all(grader_full(raw, option) for option in accepted)
                elif kind == "bracket":
                    right = [option for fraction, option, _ in answers if fraction == 1.0]
                    assert right and (right[0] in "()") == want
                else:
                    labels = "ABCDEFGHIJ"
                    chosen = {labels[i] for i, a in enumerate(answers) if a[0] > 0}
                    assert chosen == want
            weights += part_weight
            if raw["kind"] in ("integer", "number") and raw["value"] not in ("inf", "-inf"):
                key = stated_decimal(raw["value"], raw["tolerance"])
                assert grader_full(raw, key)
                width = half_width(float(raw["value"]), raw["tolerance"])
                assert not grader_full(raw, repr(just_outside(raw["value"], width)))
        assert not subquestions
        auto = sum(
            p["points"]
            for p in key_parts(exam, int(position), variant)
            if p["kind"] not in ("manual", "expression", "constraint")
        )
        factor = weights / auto if auto else 1
        assert factor == int(factor)  # weights are the points times one whole factor


def test_cloze_escapes_its_special_characters() -> None:
    text = 'a}b#c~d/e"f\\g{h'
    escaped = cloze.escape(text)
    assert escaped == 'a\\}b\\#c\\~d\\/e\\"f\\\\g{h'
    assert split_unescaped(escaped, "~") == [escaped]
    assert unescape(escaped) == text
    blank = NumberBlank(
        2.5, 0.005, {"mode": "sigfig"}, Fraction(1), ((2.0, 0.5, "half~way #1 / 2"),)
    )
    body = SUBQUESTION.fullmatch(cloze.numerical(blank, 3))
    assert body is not None
    assert cloze_answers(body[3]) == [(1.0, "2.5:0.005", ""), (0.5, "2:0.005", "half~way #1 / 2")]
    assert cloze.number(1e-9) == "0.000000001"


# -- QTI 2.1 -------------------------------------------------------------------------------------
Q = f"{{{qti.QTI}}}"


def qti_score(item: etree._Element, responses: dict[str, Any]) -> float:
    """SCORE after the item's own response processing (the QTI subset the export writes)."""
    correct, mappings = {}, {}
    for declaration in item.iter(f"{Q}responseDeclaration"):
        identifier = declaration.get("identifier")
        values = [v.text for v in declaration.iter(f"{Q}value")]
        correct[identifier] = (
            values
            if declaration.get("cardinality") == "multiple"
            else (
                float(values[0])
                if declaration.get("baseType") == "float" and values
                else values[0]
                if values
                else None
            )
        )
        mapping = declaration.find(f"{Q}mapping")
        if mapping is not None:
            mappings[identifier] = mapping
    outcomes: dict[str, Any] = {"SCORE": 0.0}

    def value(expr: etree._Element) -> Any:
        tag = etree.QName(expr).localname
        args = [value(child) for child in expr]
        if tag == "baseValue":
            return float(expr.text) if expr.get("baseType") == "float" else expr.text
        if tag == "variable":
            name = expr.get("identifier")
            return outcomes[name] if name in outcomes else responses.get(name)
        if tag == "correct":
            return correct[expr.get("identifier")]
        if tag == "and":
            return all(a is True for a in args)
        if tag == "or":
            return any(a is True for a in args)
        if tag == "stringMatch":
            a, b = args
            return a is not None and a.lower() == b.lower()
        if tag == "sum":
            return sum(args)
        if tag == "product":
            return math.prod(args)
        if tag == "match":
            a, b = args
            return (set(a) == set(b)) if isinstance(a, list) else a == b
        if tag == "equal":
            x, y = args
            if y is None:
                return None
            t0, t1 = (float(t) for t in (expr.get("tolerance") or "0 0").split())
            mode = expr.get("toleranceMode", "exact")
            if mode == "absolute":
                return x - t0 <= y <= x + t1
            if mode == "relative":
                return x * (1 - t0 / 100) <= y <= x * (1 + t1 / 100)
            return x == y
        if tag == "mapResponse":
            mapping = mappings[expr.get("identifier")]
            given = responses.get(expr.get("identifier")) or []
            marks = {e.get("mapKey"): float(e.get("mappedValue")) for e in mapping}
            total = sum(marks.get(k, float(mapping.get("defaultValue", 0))) for k in given)
            return min(
                float(mapping.get("upperBound")), max(float(mapping.get("lowerBound")), total)
            )
        raise AssertionError(f"unexpected QTI expression {tag}")

    def run(rules: etree._Element) -> None:
        for rule in rules:
            tag = etree.QName(rule).localname
            if tag == "setOutcomeValue":
                outcomes[rule.get("identifier")] = value(rule[0])
            elif tag == "responseCondition":
                for branch in rule:
                    kind = etree.QName(branch).localname
                    if kind == "responseElse" or value(branch[0]) is True:
                        run(branch[1:] if kind != "responseElse" else branch)
                        break

    run(item.find(f"{Q}responseProcessing"))
    return float(outcomes["SCORE"])


def qti_responses(exam: ExportExam, position: int, variant: str) -> tuple[dict, dict]:
    """Right responses per identifier, and per part label the identifiers of its numbers."""
    responses: dict[str, Any] = {}
    numbers: dict[str, list[tuple[str, Any]]] = {}  # identifier, a wrong answer
    for raw in key_parts(exam, position, variant):
        numbers[raw["id"]] = []
        for index, (kind, want) in enumerate(expected_blanks(raw)):
            identifier = f"R{raw['id']}_{index + 1}"
            if kind == "number":
                responses[identifier] = float(stated_decimal(want, raw["tolerance"]))
                wrong = just_outside(want, blank_width(raw, want))
                numbers[raw["id"]].append((identifier, wrong))
            elif kind == "text":
                responses[identifier] = raw["exact"]
                numbers[raw["id"]].append((identifier, "0"))
            elif kind == "bracket":
                responses[identifier] = "A" if want else "B"
            else:
                chosen = sorted(want)
                responses[identifier] = chosen if raw["kind"] == "multi" else chosen[0]
    return responses, numbers


@pytest.mark.parametrize("spec_path", SPECS, ids=lambda path: path.name)
def test_qti_package_is_valid_and_scores_like_the_keys(spec_path: Path) -> None:
    exam = exported(spec_path)
    package = zipfile.ZipFile(io.BytesIO(zip_bytes(qti.qti_files(exam))))
    names = package.namelist()
    manifest = etree.fromstring(package.read("imsmanifest.xml"))
    schema("imscp_v1p1.xsd").validate(manifest)
    hrefs = {f.get("href") for f in manifest.iter(f"{{{qti.CP}}}file")}
    assert hrefs == set(names) - {"imsmanifest.xml"}
    test = etree.fromstring(package.read("test.xml"))
    schema("qtiv2p1/imsqti_v2p1.xsd").validate(test)
    sections = list(test.iter(f"{Q}assessmentSection"))
    assert len(sections) == len(exam.keys["variants"][0]["questions"])
    for section in sections:
        assert section.find(f"{Q}selection").get("select") == "1"
        refs = section.findall(f"{Q}assessmentItemRef")
        assert len(refs) == VARIANTS
        for ref in refs:
            item = etree.fromstring(package.read(ref.get("href")))
            schema("qtiv2p1/imsqti_v2p1.xsd").validate(item)
            position, variant = _groups(r"Q(\d+)-(V\d+)", ref.get("identifier"))
            parts = key_parts(exam, int(position), variant)
            auto = sum(p["points"] for p in parts if expected_blanks(p))
            total = float(
                item.find(f"{Q}outcomeDeclaration[@identifier='MAXSCORE']//{Q}value").text
            )
            assert total == pytest.approx(sum(p["points"] for p in parts))
            responses, numbers = qti_responses(exam, int(position), variant)
            assert qti_score(item, responses) == pytest.approx(auto)
            for label, entries in numbers.items():
                raw = next(p for p in parts if p["id"] == label)
                for identifier, outside in entries:
                    wrong = dict(responses)
                    wrong[identifier] = outside
                    assert qti_score(item, wrong) == pytest.approx(auto - raw["points"])


# -- Canvas --------------------------------------------------------------------------------------
C = f"{{{canvas.QTI12}}}"


def canvas_metadata(item: etree._Element) -> dict[str, str]:
    return {
        f.findtext(f"{C}fieldlabel"): f.findtext(f"{C}fieldentry")
        for f in item.iter(f"{C}qtimetadatafield")
    }


def canvas_numerical(item: etree._Element, response: float) -> bool:
    """Canvas's exact-answer-with-margin rule, read from the item's bounds."""
    low, high = (float(item.findtext(f".//{C}{tag}")) for tag in ("vargte", "varlte"))
    return low <= response <= high


def canvas_blanks(item: etree._Element) -> list[list[str]]:
    """The accepted texts of each blank of a fill-in-multiple-blanks item, in blank order."""
    return [
        [label.findtext(f".//{C}mattext") for label in response.iter(f"{C}response_label")]
        for response in item.iter(f"{C}response_lid")
    ]


@pytest.mark.parametrize("spec_path", SPECS, ids=lambda path: path.name)
def test_canvas_zip_scores_like_the_keys(spec_path: Path) -> None:
    exam = exported(spec_path)
    package = zipfile.ZipFile(io.BytesIO(zip_bytes(canvas.canvas_files(exam))))
    manifest = etree.fromstring(package.read("imsmanifest.xml"))
    hrefs = {f.get("href") for f in manifest.iter(f"{{{canvas.CC}}}file")}
    assert hrefs == set(package.namelist()) - {"imsmanifest.xml"}
    quiz = etree.fromstring(package.read(canvas.QUIZ_FILE))
    groups = quiz.findall(f"{C}assessment/{C}section/{C}section")
    first = exam.keys["variants"][0]["questions"]
    assert len(groups) == sum(len(q["parts"]) for q in first)
    points: dict[str, float] = {}
    for group in groups:
        assert group.findtext(f".//{C}selection_number") == "1"
        items = group.findall(f"{C}item")
        assert len(items) == VARIANTS
        per_item = float(group.findtext(f".//{C}points_per_item"))
        for item in items:
            variant, position, part_id = _groups(r"(V\d+)-Q(\d+)-(\w+)", item.get("ident"))
            meta = canvas_metadata(item)
            assert float(meta["points_possible"]) == per_item
            points[variant] = points.get(variant, 0.0) + per_item
            parts = key_parts(exam, int(position), variant)
            raw = next(p for p in parts if p["part"] == part_id)
            assert item.find(f"{C}itemfeedback[@ident='general_fb']") is not None
            wanted = expected_blanks(raw)
            kind = meta["question_type"]
            if not wanted:
                assert kind == "essay_question"
            elif len(wanted) > 1:
                assert kind == "fill_in_multiple_blanks_question"
                for (what, want), accepted in zip(wanted, canvas_blanks(item), strict=True):
                    if what == "text":
                        assert all(grader_full(raw, text) for text in accepted)
                    elif what == "number":
                        assert stated_decimal(want, raw["tolerance"]) in accepted
                        width = half_width(float(want), raw["tolerance"])
                        outside = just_outside(want, max(width, 10**-6))
                        assert all(float(text) != outside for text in accepted)
                    else:
                        assert accepted[0] in ("(", "[", ")", "]")
                        assert (accepted[0] in "()") == want
            elif wanted[0][0] == "text":
                assert kind == "short_answer_question"
                accepted = [v.text for v in item.iter(f"{C}varequal")]
                assert raw["exact"] in accepted
                assert all(grader_full(raw, text) for text in accepted)
            elif wanted[0][0] == "number":
                assert kind == "numerical_question"
                want = wanted[0][1]
                assert float(item.findtext(f".//{C}varequal")) == want
                width = half_width(float(want), raw["tolerance"])
                assert canvas_numerical(item, float(stated_decimal(want, raw["tolerance"])))
                assert not canvas_numerical(item, just_outside(want, width))
            else:
                assert kind in ("multiple_choice_question", "multiple_answers_question")
    for entry in exam.keys["variants"]:
        assert points[entry["id"]] == pytest.approx(sum(q["points"] for q in entry["questions"]))


# -- the CLI and determinism ---------------------------------------------------------------------
@pytest.mark.parametrize("target", ["moodle", "qti", "canvas"])
def test_export_command_writes_the_file(tmp_path: Path, target: str) -> None:
    out = tmp_path / f"quiz.{target}"
    result = CliRunner().invoke(
        main,
        ["export", target, str(SPEC_DIR / "vir2019.yaml"), "--variants", "2", "--out", str(out)],
    )
    assert result.exit_code == 0, result.output
    assert "8 question(s) x 2 variant(s)" in result.output
    first = out.read_bytes()
    CliRunner().invoke(main, ["export", target, "--variants", "2", "--out", str(out)])
    assert out.read_bytes() == first  # same seed, byte-identical file


def test_export_of_a_missing_spec_says_where(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["export", "moodle", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2
    assert "nope.yaml" in result.output


def test_export_to_an_unwritable_place_says_where(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    out = blocker / "quiz.xml"
    result = CliRunner().invoke(main, ["export", "moodle", "--variants", "1", "--out", str(out)])
    assert result.exit_code == 2
    assert str(out) in result.output and "cannot write" in result.output


# -- the property: the exported width accepts what dlexam grade accepts --------------------------
def computed_families() -> list[str]:
    registry = default_registry()
    return sorted(
        f.id for f in registry.families.values() if any(p.kind in NUMERIC for p in f.parts)
    )


def key_numbers(key: KeyPart) -> list[Num]:
    """The grader's reading of the key, one number per exported blank, in the same order."""
    if key.kind in ("integer", "number"):
        return [key.key]
    if key.kind in ("vector", "matrix"):
        return compare._flatten(key.key)
    if key.kind == "shape":
        return [number_from(Fraction(d)) for d in key.key.dims]
    return [
        end
        for lo, hi, *_ in compare.set_pieces(key.key)
        for end in (lo, hi)
        if math.isfinite(end.approx)
    ]


@pytest.mark.parametrize("family_id", computed_families())
@settings(max_examples=4, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_exported_tolerance_accepts_exactly_what_the_grader_accepts(
    family_id: str, seed: int
) -> None:
    """Answers from 1.5 units below to 1.5 units above the key's last stated digit, in tenths
    of a unit: the exported width and the grader's comparison give the same verdict."""
    family = default_registry().get(family_id)
    params = family.draw(np.random.default_rng(seed), {}, lambda _: True)
    instance = Instance(family, params, 1, {p.id: p.points for p in family.parts})
    for part in instance.parts:
        if part.kind not in NUMERIC:
            continue
        raw = instance.part_key(part)
        key = KeyPart(raw)
        exported_part = export_part(raw, instance.values[part.answer])
        blanks = [b for b in exported_part.blanks if isinstance(b, NumberBlank)]
        entries = [n for n in key_numbers(key) if math.isfinite(n.approx)]
        assert len(blanks) == len(entries)
        for text_blank in exported_part.blanks:
            if isinstance(text_blank, TextBlank):  # an infinite key
                assert all(grader_full(raw, text) for text in text_blank.answers)
        tolerance = key.tolerance
        if part.kind in ("vector", "matrix"):  # the grader's shared floor (compare_array)
            tolerance = entry_tolerance(tolerance, [entry.approx for entry in entries])
        for blank, entry in zip(blanks, entries, strict=True):
            assert blank.key == entry.approx
            unit = stated_unit(blank.key, blank.tolerance) or blank.width or 1.0
            stated = Decimal(stated_decimal(blank.key, blank.tolerance))
            for tenths in range(-15, 16):
                near = stated + Decimal(tenths) * Decimal(repr(unit)) / 10
                exported_accepts = abs(float(near) - blank.key) <= blank.width
                answer = number_from(Fraction(near))
                grader_accepts = compare.compare_number(answer, entry, tolerance).full
                assert exported_accepts == grader_accepts, (raw["id"], str(near), blank)


# -- choice scoring rules: QTI expresses all three, Moodle only per-option partial -------------
def choice_variant(blank: ChoiceBlank, points: float) -> ExportVariant:
    part = ExportPart("1a", "a", points, "", [blank])
    html = QuestionHtml(1, 1, "f", "t", points, ((None, "<p>Which?</p>"),), (), ())
    return ExportVariant("V001", "f", "t", [part], html)


@pytest.mark.parametrize("multi", [True, False])
@pytest.mark.parametrize("scoring", ["all-or-nothing", "partial", "negative"])
def test_qti_choice_scoring_is_the_graders(scoring: str, multi: bool) -> None:
    options, correct = ("w", "x", "y", "z"), frozenset({0, 2} if multi else {0})
    blank = ChoiceBlank(options, correct, multi, scoring, Fraction(2))
    item = qti.assessment_item(1, choice_variant(blank, 2.0), {})
    schema("qtiv2p1/imsqti_v2p1.xsd").validate(item)
    letters = "ABCD"
    key = frozenset(letters[i] for i in correct)
    for size in range(1, 5 if multi else 2):
        for chosen in itertools.combinations(letters, size):
            response = sorted(chosen) if multi else chosen[0]
            want = compare.compare_choices(
                frozenset(chosen), key, "multi" if multi else "choice", scoring, len(options)
            )
            assert qti_score(item, {"R1a_1": response}) == pytest.approx(2 * want.fraction)


def test_moodle_multiresponse_is_the_graders_partial_rule() -> None:
    blank = ChoiceBlank(("w", "x", "y", "z"), frozenset({0, 2}), True, "partial", Fraction(2))
    body = SUBQUESTION.fullmatch(cloze.choice(blank, 2, list(blank.options), inline=False))
    assert body is not None and body[2] == "MULTIRESPONSE"
    marks = [fraction for fraction, _, _ in cloze_answers(body[3])]
    for size in range(1, 5):
        for chosen in itertools.combinations(range(4), size):
            moodle = max(0.0, sum(marks[i] for i in chosen))  # Moodle floors the sum at 0
            want = compare.compare_choices(
                frozenset("ABCD"[i] for i in chosen), frozenset("AC"), "multi", "partial", 4
            )
            assert moodle == pytest.approx(want.fraction)
