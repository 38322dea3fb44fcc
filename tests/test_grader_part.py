"""Grading one answer: every status, the tolerance modes, choices, expressions, follow-through
(on the real ``backprop_sin`` family and on a tiny family built here), constraint parts, and the
rule that no answer text ever makes the grader raise."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import keys as keys_module
from generator.registry import Registry, default_registry, load_registry
from generator.spec import load_spec
from generator.variants import build_exam
from grader.part import STATUSES, Context, KeyPart, QuestionInfo, grade_part
from tests.keyparts import SIGFIG, key_part

if TYPE_CHECKING:
    from conftest import GradeOne


def key(kind: str = "number", exact: str | None = "2/3", **extra: Any) -> KeyPart:
    return key_part(kind, exact, ("number", "vector", "matrix", "interval"), **extra)


def grade(part: KeyPart, text: str) -> tuple[str, float]:
    result = grade_part(part, text)
    return result.status, result.points


# -- statuses ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "status", "points"),
    [
        ("2/3", "correct", 2.0),
        ("4/6", "correct", 2.0),
        ("0.667", "within-tolerance", 2.0),
        ("0,6667", "within-tolerance", 2.0),
        ("6.67e-1", "within-tolerance", 2.0),
        ("66.7%", "within-tolerance", 2.0),
        ("0.666", "wrong", 0.0),
        ("0.67", "wrong", 0.0),
        ("two thirds", "invalid", 0.0),
        ("", "blank", 0.0),
        ("   ", "blank", 0.0),
    ],
)
def test_number_statuses(text: str, status: str, points: float) -> None:
    assert grade(key(), text) == (status, points)


def test_a_decimal_key_is_graded_against_its_full_value_not_its_printed_digits() -> None:
    # keys.json writes the LSTM state 0.41591971... as "0.4159" (rounded: 4 decimals); the
    # window of 1 % stays around the full value and is not widened by the printed digits.
    rel = {"mode": "rel", "rel": 0.01, "abs": 0.002}
    part = key(exact="0.4159", value=0.41591971378105386, rounded={"decimals": 4}, tolerance=rel)
    assert part.expected == "0.4159"
    assert grade(part, "0.4159")[0] == "within-tolerance"
    assert grade(part, "0.4117")[1] == 0.0  # 0.41592 - 1 % = 0.41176: just outside
    vector = key(
        "vector", "[0.25, 0.25]", value=[0.25, 0.25], rounded={"decimals": 4}, tolerance=rel
    )
    assert grade(vector, "[0.2476, 0.25]")[1] == 2.0
    assert grade(vector, "[0.247, 0.25]")[1] == 0.0  # 1 % of 0.25, not half of 0.01 (0.25)


def test_every_status_is_documented() -> None:
    assert set(STATUSES) == {
        "correct",
        "within-tolerance",
        "alternative",
        "follow-through",
        "partial",
        "wrong",
        "invalid",
        "blank",
        "manual",
    }


def test_manual_parts_are_left_to_the_instructor() -> None:
    result = grade_part(key("manual", None), "anything")
    assert (result.status, result.points) == ("manual", 0.0)


def test_closed_form_keys_accept_decimals_and_equal_closed_forms() -> None:
    part = key(exact="sqrt(3)/2")
    assert grade(part, "0.866") == ("within-tolerance", 2.0)
    assert grade(part, "√3/2") == ("correct", 2.0)
    assert grade(part, "sqrt(12)/4") == ("correct", 2.0)
    assert grade(part, "0.87") == ("wrong", 0.0)
    assert "≈ 0.866" in grade_part(part, "1").expected


def test_alternatives_give_their_own_points_and_are_named() -> None:
    alternative = {"exact": "441", "value": 441, "points": 0.5, "reason": "biases forgotten"}
    part = key("integer", "444", alternatives=[alternative])
    assert grade(part, "444") == ("correct", 2.0)
    result = grade_part(part, "441")
    assert (result.status, result.points) == ("alternative", 0.5)
    assert "biases forgotten" in result.reason
    assert grade(part, "440") == ("wrong", 0.0)


def test_integers_are_exact() -> None:
    part = key("integer", "444")
    assert grade(part, "444.0") == ("correct", 2.0)
    assert grade(part, "4.44e2") == ("correct", 2.0)
    assert grade(part, "443.9") == ("wrong", 0.0)


# -- tolerance modes --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("tolerance", "exact", "accepted", "refused"),
    [
        (SIGFIG, "1234.5", ["1230", "1235", "1234"], ["1240", "1229"]),
        (SIGFIG, "0", ["0", "0.0", "1e-12"], ["0.001"]),
        ({"mode": "sigfig", "digits": 2}, "2/3", ["0.67", "0.66667"], ["0.66", "0.68"]),
        ({"mode": "decimals", "digits": 2}, "pi", ["3.14", "3.1416"], ["3.15", "3.13"]),
        ({"mode": "rel", "rel": 0.01, "abs": 0.001}, "100", ["101", "99.05"], ["102", "98"]),
        ({"mode": "rel", "rel": 0.01, "abs": 0.001}, "0", ["0.0005"], ["0.01"]),
        ({"mode": "exact"}, "1/3", ["2/6"], ["0.333", "0.3333333333"]),
    ],
)
def test_tolerance_modes(
    tolerance: dict[str, Any], exact: str, accepted: list[str], refused: list[str]
) -> None:
    part = key(exact=exact, tolerance=tolerance)
    for text in accepted:
        assert grade_part(part, text).points == 2.0, text
    for text in refused:
        assert grade(part, text) == ("wrong", 0.0), text


# -- vectors, matrices, shapes, intervals -----------------------------------------------------
def test_vectors_element_wise_after_a_shape_check() -> None:
    part = key("vector", "[2/3, -1]")
    assert grade(part, "[2/3, -1]") == ("correct", 2.0)
    assert grade(part, "0.667 -1") == ("within-tolerance", 2.0)
    assert grade(part, "(0,667; -1)") == ("within-tolerance", 2.0)
    assert grade(part, "[[0.667], [-1]]") == ("within-tolerance", 2.0)
    assert grade(part, "[0.667, 1]") == ("wrong", 0.0)
    result = grade_part(part, "[1, 2, 3]")
    assert result.status == "wrong" and "expected shape 2 entries" in result.reason


def test_matrices() -> None:
    part = key("matrix", "[[1, 0], [0, 1/2]]")
    for text in ("1 0; 0 0.5", "1 0; 0 0,5", "[1, 0; 0, 1/2]", "((1, 0), (0, 0.5))"):
        assert grade_part(part, text).points == 2.0, text
    assert grade(part, "1 0 0 0.5") == ("wrong", 0.0)


def test_shapes_and_their_alternatives() -> None:
    keras = {"exact": "7x7x3x3", "value": [7, 7, 3, 3], "points": 1.0, "reason": "Keras order"}
    part = key("shape", "3x3x7x7", alternatives=[keras])
    assert grade(part, "(3, 3, 7, 7)") == ("correct", 2.0)
    assert grade(part, "3×3×7×7") == ("correct", 2.0)
    assert grade(part, "7 x 7 x 3 x 3") == ("alternative", 1.0)
    assert "expected 4 dimensions" in grade_part(part, "3x3x7").reason


def test_intervals_by_ends_and_openness() -> None:
    part = key("interval", "(0, 1/3]")
    assert grade(part, "]0; 1/3]") == ("correct", 2.0)
    assert grade(part, "0 < a <= 1/3") == ("correct", 2.0)
    assert grade(part, "(0, 0.333]") == ("within-tolerance", 2.0)
    result = grade_part(part, "(0, 1/3)")
    assert result.status == "wrong" and "open/closed" in result.reason
    union = key("set", "(0, 1/3] U {2}")
    assert grade(union, "{2} ∪ (0, 1/3]") == ("correct", 2.0)
    assert grade(union, "(0, 1/3]") == ("wrong", 0.0)


# -- expressions and choices ------------------------------------------------------------------
def test_expressions_by_equivalence() -> None:
    part = key("expression", "2*w - 1", symbols=["w"], tolerance={"mode": "equivalent"})
    assert grade(part, "2w - 1") == ("correct", 2.0)
    assert grade(part, "2(w - 1) + 1") == ("correct", 2.0)
    assert grade(part, "(4w^2 - 1)/(2w + 1)") == ("correct", 2.0)
    assert grade(part, "2w + 1") == ("wrong", 0.0)
    assert grade(part, "2z - 1")[0] == "invalid"


def test_choices_all_or_nothing_partial_and_negative() -> None:
    options = [{"label": label, "text": label} for label in "ABCD"]
    strict = key("multi", "A,C", options=options, scoring="all-or-nothing")
    for text in ("A,C", "c, a", "{A; C}", "AC", "1 3", "a and c"):
        assert grade(strict, text) == ("correct", 2.0), text
    assert grade(strict, "A") == ("wrong", 0.0)
    assert grade(strict, "E")[0] == "invalid"
    partial = key("multi", "A,C", options=options, scoring="partial")
    assert grade(partial, "A") == ("partial", 1.0)
    assert grade(partial, "A,B") == ("wrong", 0.0)
    assert grade(partial, "B,D") == ("wrong", 0.0)
    negative = key("multi", "A,C", options=options, scoring="negative")
    assert grade(negative, "A,B,D") == ("wrong", -1.0)
    assert grade(negative, "B,D") == ("wrong", -2.0)


def test_single_choice_and_yes_no() -> None:
    options = [{"label": label, "text": label} for label in "ABC"]
    assert grade(key("choice", "B", options=options), "b") == ("correct", 2.0)
    assert grade(key("choice", "B", options=options), "2") == ("correct", 2.0)
    negative = key("choice", "B", options=options, scoring="negative")
    assert grade(negative, "A") == ("wrong", -1.0)
    yes = key("choice", "yes")
    for text in ("yes", "Ja", "TRUE", "y"):
        assert grade(yes, text) == ("correct", 2.0), text
    assert grade(yes, "no") == ("wrong", 0.0)
    assert grade(yes, "maybe")[0] == "invalid"


# -- hostile text -----------------------------------------------------------------------------
HOSTILE = [
    "__import__('os').system('id')",
    "9**9**9**9",
    "1e999999",
    "x" * 10_000_000,
    "(" * 500,
    "exp(exp(exp(9)))",
]


@pytest.mark.parametrize("kind", ["number", "vector", "interval", "expression", "shape", "multi"])
def test_hostile_answers_are_invalid_in_bounded_time(kind: str) -> None:
    exact = {"vector": "[1, 2]", "interval": "(0, 1)", "shape": "2x2", "multi": "A"}.get(kind, "2")
    part = key(kind, exact, symbols=["w"])
    start = time.perf_counter()
    for text in HOSTILE:
        result = grade_part(part, text)
        assert result.status == "invalid" and result.points == 0
        assert len(result.answer) <= 60
    assert time.perf_counter() - start < 5.0


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=40))
def test_grading_never_raises_on_any_text(text: str) -> None:
    parts = [
        key(),
        key("integer", "7"),
        key("vector", "[1, 2]"),
        key("matrix", "[[1, 0], [0, 1]]"),
        key("shape", "2x3"),
        key("interval", "(0, 1] U {2}"),
        key("expression", "w^2", symbols=["w"]),
        key("multi", "A,C", scoring="partial"),
        key("choice", "yes"),
    ]
    for part in parts:
        result = grade_part(part, text)
        assert result.status in STATUSES


# -- follow-through on real families ----------------------------------------------------------
def _question(spec_text: str, tmp_path: Path, registry: Registry) -> QuestionInfo:
    spec = tmp_path / "spec.yaml"
    spec.write_text(spec_text, encoding="utf-8")
    document = keys_module.exam_keys(build_exam(load_spec(spec, registry)))
    keys_module.validate(document)
    return QuestionInfo(document["variants"][0]["questions"][0], registry)


@pytest.mark.skipif(
    "backprop_sin" not in default_registry().families, reason="backprop_sin not added yet"
)
def test_follow_through_on_backprop_sin(tmp_path: Path, grade_one: GradeOne) -> None:
    """Source instance: y = sin(w.x) - b = sin(2 pi) = 0, L = (y - 2)^2 = 4, dL/dw = [-8, -4].

    A student who gets y = 1 (wrong) and carries on correctly has L = (1 - 2)^2 = 1,
    dL/dw = 2 (1 - 2) cos(w.x) x = [-4, -2], and w - dL/dw / 2 = [pi/2 + 2, pi + 1].
    """
    spec = (
        "title: T\nseed: 1\nvariants: 1\nquestions:\n  - family: backprop_sin\n    source: true\n"
    )
    question = _question(spec, tmp_path, default_registry())
    right = {"1b": "0", "1c": "4", "1d": "[-8, -4]", "1e": "[pi/2 + 4, pi + 2]"}
    assert [r.status for r in grade_one(question, right).values()][1:] == ["correct"] * 4
    carried = {"1b": "1", "1c": "1", "1d": "[-4, -2]", "1e": "[3.57, 4.14]"}
    results = grade_one(question, carried)
    assert results["1b"].status == "wrong"
    for label in ("1c", "1d", "1e"):
        assert results[label].status == "follow-through", results[label]
        assert results[label].points == results[label].max_points
        assert "1b" in results[label].reason or "1d" in results[label].reason
    careless = {**carried, "1c": "2"}
    assert {k: r.status for k, r in grade_one(question, careless).items()}["1c"] == "wrong"


TINY_META = """\
id: tiny_ft
title: Tiny family for grader tests
topics: [training]
source: {exam: new}
difficulty: 1
calculator: false
parts:
  - {id: a, prompt: s = a + b, points: 1, kind: number, answer: total}
  - {id: b, prompt: 3 s, points: 2, kind: number, answer: triple, follow_through: 0.5}
  - {id: c, prompt: two numbers with sum s, points: 1, kind: constraint, answer: pair,
     check: check_pair}
  - {id: d, prompt: pick two, points: 2, kind: multi, answer: picks, options: texts,
     scoring: partial}
"""
TINY_PARAMS = """\
from generator.params import Rational
PARAMS = (Rational("a", 1, 3, denominators=(1, 2)), Rational("b", 1, 3, denominators=(1, 3)))
SOURCE = {"a": "1/2", "b": "1/3"}
"""
TINY_SOLUTION = """\
import sympy
from generator.dag import quantity

@quantity
def total(a, b):
    return a + b

@quantity
def triple(total):
    return 3 * total

@quantity
def pair(total):
    return [sympy.Integer(0), total]

@quantity
def picks():
    return "A,C"

@quantity
def texts():
    return ["one", "two", "three", "four"]

def check_pair(answer, params):
    if not isinstance(answer, list) or len(answer) != 2:
        return ["expected two numbers"]
    if sum(answer) != params["a"] + params["b"]:
        return [f"the sum is {sum(answer)}, not {params['a'] + params['b']}"]
    return []
"""
TINY_NUMERIC = """\
def numeric(p):
    s = p["a"] + p["b"]
    return {"a": s, "b": 3 * s, "c": lambda pair: abs(sum(pair) - s) < 1e-9}
"""


@pytest.fixture
def tiny(tmp_path: Path) -> QuestionInfo:
    """A family whose keys are known by heart: a = 1/2, b = 1/3, s = 5/6, 3 s = 5/2."""
    folder = tmp_path / "families" / "tiny_ft"
    folder.mkdir(parents=True)
    for name, text in {
        "meta.yaml": TINY_META,
        "params.py": TINY_PARAMS,
        "solution.py": TINY_SOLUTION,
        "numeric.py": TINY_NUMERIC,
        "question.tex.j2": "tiny\n",
        "solution.tex.j2": "tiny\n",
    }.items():
        (folder / name).write_text(text, encoding="utf-8")
    registry = load_registry([tmp_path / "families"])
    assert registry.broken == {}
    spec = "title: T\nseed: 1\nvariants: 1\nquestions:\n  - family: tiny_ft\n    source: true\n"
    return _question(spec, tmp_path, registry)


def test_follow_through_fraction_from_the_part(tiny: QuestionInfo, grade_one: GradeOne) -> None:
    results = grade_one(tiny, {"1a": "1", "1b": "3"})
    assert results["1a"].status == "wrong"
    assert (results["1b"].status, results["1b"].points) == ("follow-through", 1.0)
    right = grade_one(tiny, {"1a": "5/6", "1b": "2.5"})
    assert (right["1b"].status, right["1b"].points) == ("correct", 2.0)
    wrong = grade_one(tiny, {"1a": "1", "1b": "4"})
    assert wrong["1b"].status == "wrong"
    nothing = grade_one(tiny, {"1a": "", "1b": "3"})
    assert nothing["1b"].status == "wrong"


def test_constraint_parts_are_checked_against_the_constraint(tiny: QuestionInfo) -> None:
    part = tiny.parts["1c"]
    context = Context(tiny)
    for text in ("[0, 5/6]", "1/2 1/3", "(1; -1/6)"):
        assert grade_part(part, text, context).status == "correct", text
    result = grade_part(part, "[1, 1]", context)
    assert result.status == "wrong" and "the sum is 2" in result.reason
    assert "e.g." in result.expected


def test_multi_part_from_a_family(tiny: QuestionInfo) -> None:
    part = tiny.parts["1d"]
    assert grade(part, "A, C") == ("correct", 2.0)
    assert grade(part, "C") == ("partial", 1.0)


def test_a_missing_family_is_reported_not_fatal(tiny: QuestionInfo, grade_one: GradeOne) -> None:
    orphan = QuestionInfo({**tiny.question, "family": "no_such_family"}, Registry())
    results = grade_one(orphan, {"1a": "1", "1b": "3", "1c": "0 1"})
    assert results["1b"].status == "wrong"
    assert "follow-through not checked" in results["1b"].reason
    assert "no_such_family" in results["1b"].reason
    assert results["1c"].status == "manual" and "grade by hand" in results["1c"].reason


def test_plain_numbers_never_go_through_sympy(monkeypatch: pytest.MonkeyPatch) -> None:
    number, integer, vector = key(), key("integer", "7"), key("vector", "[2/3, -1]")

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("a plain answer reached the sympy parser")

    monkeypatch.setattr("generator.mathtext.parse", refuse)
    monkeypatch.setattr("generator.mathtext.parse_array", refuse)
    for part, text in [
        (number, "0.667"),
        (number, "0,6667"),
        (number, "-12.5e-3"),
        (number, "2/3"),
        (integer, "7"),
        (vector, "0.667 -1"),
        (vector, "[0.667, -1]"),
    ]:
        assert grade_part(part, text).status in ("correct", "within-tolerance", "wrong"), text


def test_an_unreadable_answer_says_how_to_write_one() -> None:
    result = grade_part(key("integer", "440"), "44O")
    assert result.status == "invalid" and "(write it like 42)" in result.reason


def test_a_key_longer_than_any_answer_is_graded_against_its_value() -> None:
    """One Adam step of optimizer_steps (seed 65108) has an exact key of 2 526 characters of
    nested exponentials, beyond the 2 000 an answer may have: the exam must still load and
    grade, against the key's value, showing its decimals rather than the closed form."""
    from grader.serve.sheets import family_link, grade, solved

    page = solved(family_link("optimizer_steps", "65108"))
    key = page.questions[0].keys.parts["1c"]  # read on first use
    assert key.expected == "≈ [1.714, -0.7859]"
    results = grade(page, {"1c": "[1.714, -0.7859]"})
    assert results["1c"].status == "within-tolerance"
    assert grade(page, {"1c": "[1.714, 0.7859]"})["1c"].status == "wrong"
