"""Exam specs and variant drawing: clear errors with places, determinism, independence."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import keys
from generator.errors import DlexamError
from generator.registry import default_registry
from generator.spec import DEFAULT_SPEC, load_spec
from generator.variants import build_exam


def write_spec(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "exam.yaml"
    path.write_text(text, encoding="utf-8")
    return path


BASE = """
title: Test exam
course: DL 101
seed: 7
variants: 3
questions:
"""


@pytest.mark.parametrize(
    ("questions", "place", "message"),
    [
        ("  - family: no_such_family\n", "questions[0].family", "unknown family 'no_such_family'"),
        ("  - family: conv_shape\n    colour: red\n", "questions[0]", "unknown field(s) colour"),
        (
            "  - family: conv_shape\n    params: {stride: 1.5}\n",
            "questions[0].params.stride",
            "expected an integer",
        ),
        (
            "  - family: conv_shape\n    params: {nope: 1}\n",
            "questions[0].params.nope",
            "no parameter 'nope'",
        ),
        (
            "  - family: conv_shape\n    params: {kernel: {min: 3, maxx: 5}}\n",
            "questions[0].params.kernel",
            "unknown field(s) maxx",
        ),
        ("  - family: conv_shape\n    points: -1\n", "questions[0].points", "positive"),
        ("  - family: conv_shape\n    points: {z: 1}\n", "questions[0].points", "no such part"),
        ("  - conv_shape\n", "questions[0]", "expected a mapping"),
    ],
)
def test_spec_errors_name_the_file_and_place(
    tmp_path: Path, questions: str, place: str, message: str
) -> None:
    path = write_spec(tmp_path, BASE + questions)
    with pytest.raises(DlexamError) as error:
        load_spec(path, default_registry())
    text = str(error.value)
    assert str(path) in text and place in text and message in text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("title: [unclosed", "not valid YAML"),
        ("- just a list", "expected a mapping"),
        ("title: x\n", "missing required field 'questions'"),
        ("title: x\nquestions: []\n", "non-empty list"),
        (BASE.replace("variants: 3", "variants: 0") + "  - family: conv_shape\n", "'variants'"),
    ],
)
def test_malformed_specs_are_rejected(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(DlexamError, match=message):
        load_spec(write_spec(tmp_path, text), default_registry())


def test_unreadable_spec_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DlexamError, match="cannot read the spec"):
        load_spec(tmp_path / "missing.yaml", default_registry())


def test_unsatisfiable_fixed_values_name_the_question(tmp_path: Path) -> None:
    spec = load_spec(
        write_spec(
            tmp_path,
            BASE + "  - family: conv_shape\n    params: {size: 26, kernel: 7, "
            "padding: 1, stride: 2, rounding: exact}\n",
        ),
        default_registry(),
    )
    with pytest.raises(DlexamError, match=r"questions\[0\].*not divisible by the stride"):
        build_exam(spec)


def test_same_seed_same_keys_and_other_seed_other_numbers(tmp_path: Path) -> None:
    path = write_spec(tmp_path, BASE + "  - family: conv_shape\n  - family: conv_shape\n")
    spec = load_spec(path, default_registry())
    first = keys.dumps(keys.exam_keys(build_exam(spec)))
    assert first == keys.dumps(keys.exam_keys(build_exam(spec)))
    assert first != keys.dumps(keys.exam_keys(build_exam(spec, seed=8)))


def test_editing_one_question_leaves_the_others_numbers_alone(tmp_path: Path) -> None:
    before = load_spec(
        write_spec(tmp_path, BASE + "  - family: conv_shape\n  - family: conv_shape\n"),
        default_registry(),
    )
    after = load_spec(
        write_spec(
            tmp_path,
            BASE + "  - family: conv_shape\n  - family: conv_shape\n    params: {kernel: 1}\n",
        ),
        default_registry(),
    )
    old, new = build_exam(before), build_exam(after)
    for old_variant, new_variant in zip(old.variants, new.variants, strict=True):
        assert old_variant.questions[0].params == new_variant.questions[0].params
        assert new_variant.questions[1].params["kernel"] == 1


def test_variants_differ_and_the_tool_says_when_they_cannot(tmp_path: Path) -> None:
    spec = load_spec(write_spec(tmp_path, BASE + "  - family: conv_shape\n"), default_registry())
    exam = build_exam(spec, variants=6)
    assert len({str(v.questions[0].params) for v in exam.variants}) == 6
    assert exam.warnings == []
    fixed = (
        "params: {size: 26, channels: 26, filters: 5, kernel: 7, stride: 3, padding: 1, "
        "rounding: exact}"
    )
    spec = load_spec(
        write_spec(tmp_path, BASE + f"  - family: conv_shape\n    {fixed}\n"), default_registry()
    )
    assert "has every parameter fixed" in build_exam(spec).warnings[0]
    spec = load_spec(
        write_spec(
            tmp_path,
            BASE + "  - family: conv_shape\n    params: {size: 8, kernel: 7, "
            "padding: 0, stride: 1, channels: 1, rounding: exact, filters: {choices: [2]}}\n",
        ),
        default_registry(),
    )
    assert "only 1 distinct parameter sets for 3 variants" in build_exam(spec).warnings[0]


def test_ranges_and_point_totals_from_the_spec_are_honoured(tmp_path: Path) -> None:
    text = BASE + (
        "  - family: conv_shape\n    points: 8\n"
        "    params: {size: {min: 20, max: 30}, kernel: {choices: [3, 5]}}\n"
    )
    exam = build_exam(load_spec(write_spec(tmp_path, text), default_registry()), variants=5)
    for variant in exam.variants:
        instance = variant.questions[0]
        assert 20 <= instance.params["size"] <= 30 and instance.params["kernel"] in (3, 5)
        assert instance.total_points == 8


def test_source_questions_repeat_with_a_warning(tmp_path: Path) -> None:
    spec = load_spec(
        write_spec(tmp_path, BASE + "  - family: conv_shape\n    source: true\n"),
        default_registry(),
    )
    exam = build_exam(spec)
    assert all(v.questions[0].params["size"] == 26 for v in exam.variants)
    assert "source exam's numbers" in exam.warnings[0]


def test_the_default_spec_loads_and_its_keys_match_the_schema() -> None:
    spec = load_spec(DEFAULT_SPEC, default_registry())
    document = keys.exam_keys(build_exam(spec, variants=2))
    keys.validate(document)
    broken = dict(document, version=99)
    with pytest.raises(DlexamError, match="version"):
        keys.validate(broken)


def test_a_spec_can_ask_a_subset_of_a_familys_parts(tmp_path: Path) -> None:
    text = BASE + "  - family: conv_shape\n    parts: [a, c]\n    points: {c: 3}\n"
    exam = build_exam(load_spec(write_spec(tmp_path, text), default_registry()), variants=1)
    question = keys.exam_keys(exam)["variants"][0]["questions"][0]
    assert [p["id"] for p in question["parts"]] == ["1a", "1c"]
    assert question["points"] == 5
    from generator.documents import exam_document

    latex = exam_document(exam.spec, exam.variants, ("exam",))
    assert "{1a}" in latex and "{1c}" in latex and "{1b}" not in latex
    with pytest.raises(DlexamError, match=r"questions\[0\].parts: no such part"):
        load_spec(
            write_spec(tmp_path, BASE + "  - family: conv_shape\n    parts: [z]\n"),
            default_registry(),
        )
    with pytest.raises(DlexamError, match="must be positive"):
        load_spec(
            write_spec(tmp_path, BASE + "  - family: conv_shape\n    points: {a: 0}\n"),
            default_registry(),
        )


def test_one_variant_never_asks_the_same_item_twice(tmp_path: Path) -> None:
    text = BASE + "  - family: mc_cnn\n  - family: mc_cnn\n  - family: mc_cnn\n"
    exam = build_exam(load_spec(write_spec(tmp_path, text), default_registry()), variants=8)
    for variant in exam.variants:
        items = [instance.params["item"] for instance in variant.questions]
        assert len(set(items)) == 3, (variant.id, items)
