"""Source credits: every question names the exam it was adapted from, in the solutions only.

A family's ``credit:`` in meta.yaml (an item bank's items credit themselves) is printed by the
same helper as the item bank's credits; students never see a seed file name or a tag.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.documents import exam_document
from generator.errors import DlexamError
from generator.family import load_family
from generator.itembank import ITEMS_FILE, adapted_from
from generator.outputs.model import question_model
from generator.registry import BUNDLED, default_registry
from generator.rendering import tex_escape
from generator.spec import load_spec
from generator.variants import Exam, build_exam

FAMILIES = sorted(default_registry().families)
COMPUTED = [f for f in FAMILIES if not (BUNDLED / f / ITEMS_FILE).is_file()]
SEED_FILE = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")
INTERNAL_TAGS = ("Source:", "Adapted from", ".txt")


@pytest.fixture(scope="module")
def exam(tmp_path_factory: pytest.TempPathFactory) -> Exam:
    """One variant of an exam holding every bundled family once."""
    lines = [f"  - family: {family}" for family in FAMILIES]
    spec = tmp_path_factory.mktemp("credits") / "all.yaml"
    spec.write_text("title: All\nseed: 3\nvariants: 1\nquestions:\n" + "\n".join(lines) + "\n")
    return build_exam(load_spec(spec, default_registry()), 1)


def test_every_computed_family_has_a_credit_line() -> None:
    for family_id in COMPUTED:
        credit = default_registry().get(family_id).credit
        assert credit.startswith("Adapted from ") and credit.endswith("."), family_id
        assert not SEED_FILE.search(credit), family_id


def test_credits_render_in_solutions_and_nowhere_students_look(exam: Exam) -> None:
    (variant,) = exam.variants
    student = exam_document(exam.spec, [variant], ("exam", "answer-sheet"))
    solutions = exam_document(exam.spec, [variant], ("solutions",))
    for tag in INTERNAL_TAGS:
        assert tag not in student
    assert not SEED_FILE.search(student) and not SEED_FILE.search(solutions)
    for _, instance in variant.ordered():
        credit = instance.family.credit
        if credit:
            assert tex_escape(credit) in solutions, instance.family.id
        # The HTML exam page is built from these question blocks (generator/outputs/html.py).
        asked = " ".join(block.latex for block in question_model(instance).question)
        assert not any(tag in asked for tag in INTERNAL_TAGS), instance.family.id
    credited = [i for _, i in variant.ordered() if i.family.credit]
    assert len(credited) == len(COMPUTED)


@pytest.mark.parametrize(
    ("reference", "line"),
    [
        ("new", ""),
        ("TUM I2DL WS21 endterm, Problem 7", "Adapted from TUM I2DL WS21 endterm, Problem 7."),
        ("VIR 2019 exam, Question 1.", "Adapted from VIR 2019 exam, Question 1."),
    ],
)
def test_one_helper_words_every_credit(reference: str, line: str) -> None:
    assert adapted_from(reference) == line


@pytest.mark.parametrize(
    ("credit", "message"),
    [
        ('""', "is empty"),
        ("[1, 2]", "must be text"),
        ('"004_5b0f837f9b646cfa.txt, Problem 4"', "names a seed file"),
        ('"Source: TUM I2DL"', "write only the reference"),
    ],
)
def test_a_bad_credit_is_refused_naming_the_file(tmp_path: Path, credit: str, message: str) -> None:
    folder = tmp_path / "conv_shape"
    shutil.copytree(BUNDLED / "conv_shape", folder, ignore=shutil.ignore_patterns("__pycache__"))
    meta = folder / "meta.yaml"
    lines = [line for line in meta.read_text().splitlines() if not line.startswith("credit:")]
    lines.insert(1, f"credit: {credit}")
    meta.write_text("\n".join(lines) + "\n")
    with pytest.raises(DlexamError, match=re.escape(message)) as error:
        load_family(folder)
    assert str(meta) in str(error.value)


@pytest.mark.parametrize("credit", ["credit: new", ""])
def test_a_dlexam_original_gets_no_credit_line(tmp_path: Path, credit: str) -> None:
    folder = tmp_path / "conv_shape"
    shutil.copytree(BUNDLED / "conv_shape", folder, ignore=shutil.ignore_patterns("__pycache__"))
    meta = folder / "meta.yaml"
    meta.write_text(re.sub(r"(?m)^credit:.*$", credit, meta.read_text()))
    assert load_family(folder).credit == ""


def test_an_item_bank_credits_its_items_not_itself(tmp_path: Path) -> None:
    folder = tmp_path / "mc_cnn"
    shutil.copytree(BUNDLED / "mc_cnn", folder, ignore=shutil.ignore_patterns("__pycache__"))
    meta = folder / "meta.yaml"
    meta.write_text(meta.read_text() + 'credit: "TUM I2DL"\n')
    with pytest.raises(DlexamError, match=r"each item in items\.yaml credits its own source"):
        load_family(folder)
