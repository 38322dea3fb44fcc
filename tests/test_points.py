"""``points: N`` on a question rescales its parts, their alternatives and their rubrics together.

The parts add up to exactly N (quarter points, largest remainder), an alternative keeps its
fraction of its part, every rubric's amounts add up to its part's points, and the points table,
keys.json and the grader all show the same numbers.
"""

from __future__ import annotations

import dataclasses
from fractions import Fraction
from functools import cache
from typing import TYPE_CHECKING

import pytest

from generator.documents import exam_document
from generator.errors import DlexamError
from generator.keys import exam_keys, validate
from generator.points import AMOUNT, amount_text, apportion, exact, rubric_total
from generator.registry import default_registry
from generator.spec import SPEC_DIR, load_spec
from generator.variants import Exam, build_exam
from grader.exam import ExamKeys

if TYPE_CHECKING:
    from conftest import GradeOne

SPECS = sorted(path.name for path in SPEC_DIR.glob("*.yaml"))
TOTALS = (7, 8, 13)


@cache
def rescaled(name: str, total: int) -> Exam:
    """The bundled spec with every question worth ``total`` points (one variant)."""
    spec = load_spec(SPEC_DIR / name, default_registry())
    questions = tuple(dataclasses.replace(q, points=float(total)) for q in spec.questions)
    return build_exam(dataclasses.replace(spec, questions=questions), 1)


def test_apportion_keeps_the_total_in_quarter_points_and_no_part_at_zero() -> None:
    assert apportion({"a": 1, "b": 1, "c": 1}, 8) == {"a": 2.75, "b": 2.75, "c": 2.5}
    assert apportion({"a": 2, "b": 1, "c": 1, "d": 1, "e": 1, "f": 1, "g": 1, "h": 1}, 8) == {
        "a": 1.75,
        "b": 1.0,
        "c": 1.0,
        "d": 1.0,
        "e": 1.0,
        "f": 0.75,
        "g": 0.75,
        "h": 0.75,
    }  # 32 quarters * 1/9 = 3.56 each: the largest remainders (first on a tie) get the 4 left
    tiny = apportion({"a": 10, "b": 0.5}, 1)
    assert tiny == {"a": 0.75, "b": 0.25} and sum(tiny.values()) == 1
    with pytest.raises(DlexamError, match="quarter points"):
        apportion({"a": 1}, 7.1)
    with pytest.raises(DlexamError, match="cannot be shared among 3 parts"):
        apportion({"a": 1, "b": 1, "c": 1}, 0.5)


def test_amounts_print_as_short_decimals_or_exact_fractions() -> None:
    assert [amount_text(v) for v in (1, 0.5, 0.375, Fraction(7, 12))] == [
        "1",
        "0.5",
        "0.375",
        "7/12",
    ]


@pytest.mark.parametrize("total", TOTALS)
@pytest.mark.parametrize("name", SPECS)
def test_rescaled_points_add_up_everywhere(name: str, total: int, grade_one: GradeOne) -> None:
    exam = rescaled(name, total)
    document = exam_keys(exam)
    validate(document)
    questions = document["variants"][0]["questions"]
    for question in questions:
        parts = [p["points"] for p in question["parts"]]
        assert sum(parts) == question["points"] == total, (question["family"], parts)
        assert all(p > 0 and (p * 4).is_integer() for p in parts)
    assert document["exam"]["max_points"] == total * len(questions)
    # The grader's maximum is the same number.
    graded = ExamKeys(document)
    results = [r for q in graded.questions("V001") for r in grade_one(q, {}).values()]
    assert sum(r.max_points for r in results) == total * len(questions)
    # The points table printed on the exam says the same.
    tex = exam_document(exam.spec, exam.variants, ("exam",))
    assert tex.count(f"{{{total:g}}}") >= len(questions)


@pytest.mark.parametrize("total", TOTALS)
@pytest.mark.parametrize("name", SPECS)
def test_alternatives_and_rubrics_keep_their_fraction_of_the_part(name: str, total: int) -> None:
    variant = rescaled(name, total).variants[0]
    for _, instance in variant.ordered():
        for part in instance.parts:
            key = instance.part_key(part)
            share = Fraction(key["points"]).limit_denominator(10_000) / exact(part.points)
            for alt, written in zip(part.alternatives, key["alternatives"], strict=True):
                assert exact(written["points"]) == exact(alt.points) * share
            if any(item.points is not None for item in part.rubric):
                assert rubric_total(part.rubric) * share == exact(key["points"])
                # The printed rubric shows the scaled amounts, not the family's own.
                printed = [m[0] for m in AMOUNT.finditer(key["rubric"])]
                scaled = [
                    f"{amount_text(item.points * share)} pt"
                    for item in part.rubric
                    if item.points is not None
                ]
                assert printed == scaled, (instance.family.id, part.id, key["rubric"])


def test_keras_order_earns_the_whole_rescaled_part_and_forgotten_biases_half(
    grade_one: GradeOne,
) -> None:
    registry = default_registry()
    spec = load_spec(SPEC_DIR / "vir2022_midterm.yaml", registry)
    conv_shape = registry.get("conv_shape")
    question = dataclasses.replace(
        spec.questions[0],
        family=conv_shape,
        points=3.0,
        fixed={},
        rules={},
        source=False,
        parts=None,
        title=None,
    )
    exam = build_exam(dataclasses.replace(spec, questions=(question,)), 1)
    document = exam_keys(exam)
    parts = {p["part"]: p for p in document["variants"][0]["questions"][0]["parts"]}
    assert [parts[p]["points"] for p in "abc"] == [1.5, 0.75, 0.75]  # 2:1:1 of 3 points
    assert parts["b"]["alternatives"][0]["points"] == 0.375  # biases forgotten: half of 0.75
    assert parts["c"]["alternatives"][0]["points"] == 0.75  # Keras order: the whole part
    assert parts["a"]["rubric"].startswith("0.75 pt for the spatial size")
    assert "0.375 pt if the F biases are missing" in parts["b"]["rubric"]
    info = ExamKeys(document).questions("V001")[0]
    keras = parts["c"]["alternatives"][0]["exact"]
    result = grade_one(info, {"1c": keras})["1c"]
    assert (result.status, result.points, result.max_points) == ("alternative", 0.75, 0.75)


def test_a_rubric_naming_points_in_its_text_is_refused(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from generator.family import _rubric

    with pytest.raises(DlexamError, match="names points"):
        _rubric("1 pt for the forward pass", 1, "meta.yaml")
    with pytest.raises(DlexamError, match="add up to 2 pt, the part has 3"):
        _rubric([{"pt": 1, "text": "for x,"}, {"pt": 1, "text": "for y"}], 3, "meta.yaml")
    items = _rubric(
        [{"pt": 1, "text": "for x;"}, {"pt": 0.5, "partial": True, "text": "if"}], 1, "m"
    )
    assert rubric_total(items) == 1
