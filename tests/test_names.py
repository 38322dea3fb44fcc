"""Every name a university registry holds prints on its student's copy, and only there.

One roster exam with names in Chinese, Vietnamese, Greek, Cyrillic, Korean, accented Latin, an
apostrophe, a double-barrelled name, Arabic and Hebrew (right to left), and one name in Lisu, a
script none of the name fonts has: that student's copy is refused with the character and the
fix, every other copy and the print files are written.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from generator import fragments
from generator.cli import main
from generator.pdf import find_engine

pytestmark = pytest.mark.skipif(
    find_engine() is None or fragments.find_engine() is None or not shutil.which("pdftotext"),
    reason="needs pdflatex, lualatex and pdftotext",
)

NAMES = [
    "李雷",
    "Nguyễn Văn An",
    "Αλέξανδρος Παπαδόπουλος",
    "Иван Петров",
    "김민준",
    "Zoë Ångström",
    "José Núñez",
    "O'Brien",
    "Müller-Lüdenscheidt",
    "محمد",
    "נועה",
]
UNPRINTABLE = "ꓮꓳ Lisu"  # U+A4EE LISU LETTER A, U+A4F3 LISU LETTER O
SPEC = "title: Names\nseed: 3\nquestions:\n  - family: conv_shape\n"
FOLDERS = ("exam", "answer-sheets", "solutions")
# pdftotext marks right-to-left runs with embedding controls; they are not part of the name.
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def write_roster(folder: Path, names: list[str]) -> Path:
    """roster.csv in ``folder``: students s01, s02, ... with ``names`` in order."""
    rows = [f"s{i:02d},{name}" for i, name in enumerate(names, start=1)]
    roster = folder / "roster.csv"
    roster.write_text("student_id,name\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return roster


def text_of(path: Path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return BIDI_CONTROLS.sub("", out.stdout)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("names")
    (folder / "spec.yaml").write_text(SPEC, encoding="utf-8")
    roster = write_roster(folder, [*NAMES, UNPRINTABLE])
    out = folder / "out"
    result = CliRunner().invoke(
        main, ["generate", str(folder / "spec.yaml"), "--roster", str(roster), "--out", str(out)]
    )
    return {"out": out, "code": result.exit_code, "stdout": result.stdout, "stderr": result.stderr}


@pytest.mark.parametrize("index", range(len(NAMES)))
def test_each_name_prints_on_its_own_copy_and_no_other_name_does(
    built: dict[str, Any], index: int
) -> None:
    variant = f"V{index + 1:03d}"
    for folder in FOLDERS:
        text = text_of(built["out"] / folder / f"{variant}.pdf")
        assert NAMES[index] in text, f"{folder}/{variant}.pdf"
        others = [name for i, name in enumerate(NAMES) if i != index]
        assert not [name for name in others if name in text], f"{folder}/{variant}.pdf"


def test_the_names_are_in_the_keys_exactly(built: dict[str, Any]) -> None:
    keys = json.loads((built["out"] / "keys.json").read_text(encoding="utf-8"))
    assert [v["student"]["name"] for v in keys["variants"]] == [*NAMES, UNPRINTABLE]


def test_a_name_no_font_has_fails_only_that_copy_and_says_why(built: dict[str, Any]) -> None:
    out, last = built["out"], f"V{len(NAMES) + 1:03d}"
    assert built["code"] == 2
    message = built["stderr"]
    assert f"student s{len(NAMES) + 1:02d} ({UNPRINTABLE}), variant {last}" in message
    assert "U+A4EE LISU LETTER A" in message and "U+A4F3 LISU LETTER O" in message
    assert "add a font that has the character(s) to FONTS in generator/text_engine.py" in message
    for folder in FOLDERS:
        assert not (out / folder / f"{last}.pdf").exists()
        copies = sorted((out / folder).glob("V*.pdf"))
        assert len(copies) == len(NAMES)
        pages = sum(len(PdfReader(copy).pages) for copy in copies)
        padded = sum(n + n % 2 for n in (len(PdfReader(c).pages) for c in copies))
        assert pages <= len(PdfReader(out / f"{folder}-all.pdf").pages) == padded
    assert "print file" in built["stdout"]


def test_the_grader_names_each_student(built: dict[str, Any], tmp_path: Path) -> None:
    keys = built["out"] / "keys.json"
    answers = tmp_path / "answers.csv"
    answers.write_text("student_id,1a,1b,1c\ns01,1x1x1,1,1\ns10,1x1x1,1,1\n", encoding="utf-8")
    graded = tmp_path / "graded"
    result = CliRunner().invoke(main, ["grade", str(keys), str(answers), "--out", str(graded)])
    assert result.exit_code == 0, result.output
    with open(graded / "scores.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(row["student_id"], row["name"]) for row in rows] == [("s01", "李雷"), ("s10", "محمد")]
    feedback = (graded / "feedback" / "s10.txt").read_text(encoding="utf-8")
    assert "Student s10 (محمد), variant V010" in feedback


@pytest.mark.parametrize(
    ("text", "direction"),
    [("محمد", "TRT"), ("נועה כהן", "TRT"), ("  42 محمد", "TRT"), ("Ann محمد", "TLT"), ("", "TLT")],
)
def test_a_name_is_set_right_to_left_when_its_first_strong_letter_is(
    text: str, direction: str
) -> None:
    assert fragments.direction(text) == direction


SHEET_NAMES = ["José Núñez", "李雷", "محمد"]


@pytest.fixture(scope="module")
def bubble_sheets(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A bubble-sheet exam of a Latin, a CJK, an Arabic and an unprintable name."""
    folder = tmp_path_factory.mktemp("sheet-names")
    (folder / "spec.yaml").write_text(SPEC, encoding="utf-8")
    roster = write_roster(folder, [*SHEET_NAMES, UNPRINTABLE])
    out = folder / "out"
    args = ["generate", str(folder / "spec.yaml"), "--sheet", "bubbles", "--roster", str(roster)]
    result = CliRunner().invoke(main, [*args, "--out", str(out)])
    return {"out": out, "code": result.exit_code, "stdout": result.stdout, "stderr": result.stderr}


@pytest.mark.parametrize("index", range(len(SHEET_NAMES)))
def test_each_name_prints_on_its_own_bubble_sheet_and_no_other_does(
    bubble_sheets: dict[str, Any], index: int
) -> None:
    text = text_of(bubble_sheets["out"] / "bubble-sheets" / f"V{index + 1:03d}.pdf")
    assert f"Student s{index + 1:02d}" in text and SHEET_NAMES[index] in text
    others = [name for i, name in enumerate(SHEET_NAMES) if i != index]
    assert not [name for name in others if name in text]


def test_a_name_no_font_has_fails_only_that_bubble_sheet(bubble_sheets: dict[str, Any]) -> None:
    out, last = bubble_sheets["out"], f"V{len(SHEET_NAMES) + 1:03d}"
    assert bubble_sheets["code"] == 2
    assert (
        f"student s{len(SHEET_NAMES) + 1:02d} ({UNPRINTABLE}), variant {last}"
        in (bubble_sheets["stderr"])
    )
    sheets = sorted(path.name for path in (out / "bubble-sheets").glob("*.pdf"))
    assert sheets == [f"V{i:03d}.pdf" for i in range(1, len(SHEET_NAMES) + 1)]
    every = text_of(out / "bubble-sheets-all.pdf")
    assert all(name in every for name in SHEET_NAMES) and UNPRINTABLE not in every
    assert "bubble sheets:    3 file(s)" in bubble_sheets["stdout"]


# -- the exam's own texts in any script: the whole exam goes through LuaLaTeX ------------------
TEXTS_SPEC = """\
title: "深度学习 期中考试"
course: "Глубокое обучение — Δίκτυα"
date: 2026-03-02
instructions: "Ответьте на все вопросы. Zoë's course."
seed: 4
variants: 2
questions:
  - family: conv_shape
"""


def test_an_exam_titled_in_other_scripts_is_typeset_by_lualatex_with_its_names(
    tmp_path: Path,
) -> None:
    (tmp_path / "spec.yaml").write_text(TEXTS_SPEC, encoding="utf-8")
    roster = write_roster(tmp_path, ["محمد", "Zoë Ångström"])
    out = tmp_path / "out"
    args = ["generate", str(tmp_path / "spec.yaml"), "--roster", str(roster), "--out", str(out)]
    result = CliRunner().invoke(main, [*args, "--sheet", "bubbles"])
    assert result.exit_code == 0, result.output
    tex = (out / "tex" / "V001.tex").read_text(encoding="utf-8")
    assert "\\usepackage{fontspec}" in tex and "inputenc" not in tex
    for variant, name in (("V001", "محمد"), ("V002", "Zoë Ångström")):
        assert "深度学习 期中考试" in text_of(out / "bubble-sheets" / f"{variant}.pdf")
        for folder in FOLDERS:
            text = text_of(out / folder / f"{variant}.pdf")
            for own in ("深度学习 期中考试", "Глубокое обучение — Δίκτυα", name):
                assert own in text, f"{folder}/{variant}.pdf lacks {own}"
    assert "Ответьте на все вопросы" in text_of(out / "exam" / "V001.pdf")
