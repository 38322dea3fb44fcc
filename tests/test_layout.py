"""No split part, stranded heading or overprinted text in the PDFs of any bundled spec, nor of an
exam with a long title, a long course name and long students' names.

The faults are read from the text positions pdfplumber finds on each page of the produced PDFs:
- a split part: a part's label "(3b)" on one page, its answer box (labelled "3b") on another;
- a stranded heading: "Question 3" on another page than the question's first part "(3a)", or a
  solution's "Solution." on another page than its first worked part;
- overlapping text: two words whose boxes overlap, as when a long title runs under the header's
  right side or a long name into the "Student ID" field.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest

from generator import fragments, pdf
from generator.build import compile_pdfs, write_sources
from generator.registry import default_registry
from generator.roster import Student, assign
from generator.spec import load_spec
from generator.variants import build_exam

pytestmark = pytest.mark.skipif(pdf.find_engine() is None, reason="needs pdflatex")

# Words overlap when their boxes share more than this fraction of the smaller one's area, so
# glyphs that merely touch (a subscript under a fraction bar, a radical over its argument) do not.
OVERLAP_FRACTION = 0.25
# Inside a formula stacked glyphs are set on purpose: a fraction's numerator and denominator,
# limits and accents are small (script size) or one or two characters (a radical, a big
# delimiter's pieces, which pdfplumber reads as "(cid:12)"); text that collides is neither.
SHORT_WORD = 2
TEXT_SIZE = 8.5  # pt: \footnotesize and larger
PART_LABEL = re.compile(r"^\((\d+[a-z])\)$")
BOX_LABEL = re.compile(r"^(\d+[a-z])$")


@dataclass(frozen=True)
class Word:
    page: int  # 1-based
    text: str
    size: float
    x0: float
    top: float
    x1: float
    bottom: float

    def area(self) -> float:
        return max(0.0, self.x1 - self.x0) * max(0.0, self.bottom - self.top)


def words(path: Path) -> list[Word]:
    """Every word of every page, in reading order."""
    with pdfplumber.open(path) as pdf:
        return [
            Word(number, w["text"], w["size"], w["x0"], w["top"], w["x1"], w["bottom"])
            for number, page in enumerate(pdf.pages, 1)
            for w in page.extract_words(use_text_flow=True, extra_attrs=["size"])
        ]


def overlaps(found: list[Word]) -> Iterator[str]:
    """Pairs of words of one page whose boxes overlap (a sweep over the words sorted by top)."""
    text = [
        w
        for w in found
        if w.size >= TEXT_SIZE and len(w.text) > SHORT_WORD and not w.text.startswith("(cid:")
    ]
    for page in sorted({w.page for w in text}):
        on_page = sorted((w for w in text if w.page == page), key=lambda w: w.top)
        for i, first in enumerate(on_page):
            for second in on_page[i + 1 :]:
                if second.top >= first.bottom:
                    break
                width = min(first.x1, second.x1) - max(first.x0, second.x0)
                height = min(first.bottom, second.bottom) - max(first.top, second.top)
                shared = max(0.0, width) * max(0.0, height)
                smaller = min(first.area(), second.area())
                if smaller and shared / smaller > OVERLAP_FRACTION:
                    yield f"page {page}: {first.text!r} overlaps {second.text!r}"


def split_parts(found: list[Word]) -> Iterator[str]:
    """Parts whose label "(3b)" and answer box "3b" are on different pages."""
    for index, word in enumerate(found):
        label = PART_LABEL.match(word.text)
        if not label:
            continue
        box = next(
            (w for w in found[index + 1 :] if BOX_LABEL.match(w.text) and w.text == label[1]),
            None,
        )
        if box is None:
            yield f"part {label[1]}: no answer box after its label"
        elif box.page != word.page:
            yield f"part {label[1]}: label on page {word.page}, answer box on page {box.page}"


def stranded_headings(found: list[Word]) -> Iterator[str]:
    """Question headings on another page than the first part of their question."""
    for index, word in enumerate(found):
        if word.text != "Question" or index + 1 >= len(found):
            continue
        number, after = found[index + 1].text, found[index + 2 : index + 3]
        if not number.isdigit() or not after or not after[0].text.startswith("["):
            continue  # not a heading "Question 3 [6 pt]" but the points table's "Question 1 2"
        first = next(
            (w for w in found[index + 2 :] if PART_LABEL.match(w.text)),
            None,
        )
        if first is None or not first.text.startswith(f"({number}"):
            continue  # the points table's "Question 1 2 3", or a question without parts
        if first.page != word.page:
            yield f"Question {number}: heading on page {word.page}, {first.text} on {first.page}"


def stranded_solution_headings(found: list[Word]) -> Iterator[str]:
    """ "Solution." on another page than the first worked part after it."""
    for index, word in enumerate(found):
        if word.text != "Solution.":
            continue
        first = next((w for w in found[index + 1 :] if PART_LABEL.match(w.text)), None)
        if first is not None and first.page != word.page:
            yield f"Solution. on page {word.page}, {first.text} on {first.page}"


def faults(path: Path, boxes: bool) -> list[str]:
    """Every layout fault of the PDF at ``path``; ``boxes``: its parts have answer boxes."""
    found = words(path)
    problems = [*overlaps(found), *stranded_headings(found), *stranded_solution_headings(found)]
    if boxes:
        problems += split_parts(found)
    return [f"{path.name}: {problem}" for problem in problems]


SPECS = sorted((Path(__file__).resolve().parent.parent / "generator" / "specs").glob("*.yaml"))
VARIANTS = 2  # per bundled spec: different numbers move page breaks
LONG_SPEC = """
title: "Deep Learning for Computer Vision and Natural Language Processing: Convolutional and
  Recurrent Networks, Optimization and Reinforcement Learning"
course: "Advanced Topics in Machine Learning and Artificial Intelligence (IN2346, Winter 2026/27)"
date: 2026-12-14
seed: 11
questions:
  - family: conv_shape
  - family: backprop_sin
  - family: rnn_linear_bptt
"""
LONG_NAMES = [
    Student("2026000000000000001", "Maximilian Alexander Müller-Lüdenscheidt von Hohenzollern"),
    Student("2", "عبد الرحمن بن محمد بن عبد الله الهاشمي القرشي"),
    Student("3", "Ann Lee"),
]


def typeset(spec_path: Path, out: Path, count: int, students: list[Student] | None = None) -> Path:
    spec = load_spec(spec_path, default_registry())
    exam = build_exam(spec, count)
    if students:
        assign(exam, students)
    written, groups = write_sources(exam, out)
    compile_pdfs(exam, written, groups, str(pdf.find_engine()), jobs=2)
    assert written.failures == [] and written.name_failures == []
    return out


def all_faults(out: Path) -> list[str]:
    return [
        f"{path.parent.name}/{problem}"
        for path in sorted(out.glob("*/V*.pdf"))
        for problem in faults(path, boxes=path.parent.name == "exam")
    ]


@pytest.mark.parametrize("spec_path", SPECS, ids=[path.stem for path in SPECS])
def test_bundled_specs_have_no_split_parts_stranded_headings_or_overlaps(
    spec_path: Path, tmp_path: Path
) -> None:
    out = typeset(spec_path, tmp_path, VARIANTS)
    assert all_faults(out) == []


@pytest.mark.skipif(fragments.find_engine() is None, reason="needs lualatex")
def test_long_titles_and_names_wrap_or_shrink_instead_of_overprinting(tmp_path: Path) -> None:
    spec_path = tmp_path / "long.yaml"
    spec_path.write_text(LONG_SPEC, encoding="utf-8")
    out = typeset(spec_path, tmp_path / "out", len(LONG_NAMES), LONG_NAMES)
    assert all_faults(out) == []
    first = subprocess.run(
        ["pdftotext", "-l", "1", str(out / "answer-sheets" / "V001.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert LONG_NAMES[0].name in first and "Answer sheet" in first


TEX_WITH_FAULTS = r"""\documentclass{article}
\begin{document}
\vspace*{0.8\textheight}
\section*{Question 1 \hfill [2 pt]}
Intro text.
\newpage
\textbf{(1a)} First part.

\fbox{\textbf{1a}}

\textbf{(1b)} Second part.
\newpage
\fbox{\textbf{1b}}

Name: \rlap{Maximilian Hohenzollern}\hspace{2em}Student ID: 12345
\end{document}
"""


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler")
def test_the_checker_finds_each_kind_of_fault(tmp_path: Path) -> None:
    data, log = pdf.run_latex(str(pdf.find_engine()), TEX_WITH_FAULTS)
    assert data is not None, log
    (tmp_path / "faulty.pdf").write_bytes(data)
    found = faults(tmp_path / "faulty.pdf", boxes=True)
    assert "faulty.pdf: Question 1: heading on page 1, (1a) on 2" in found
    assert "faulty.pdf: part 1b: label on page 2, answer box on page 3" in found
    assert any("page 3: 'Maximilian' overlaps 'Student'" in problem for problem in found), found
    assert not any("part 1a" in problem for problem in found)


MM = 72 / 25.4  # pt per mm
SHEET_SPEC = """
title: "Deep Learning for Computer Vision and Natural Language Processing: Convolutional Networks"
seed: 3
questions:
  - family: conv_shape
"""
SHEET_NAMES = [
    Student(
        "s1",
        ("Maximilian Alexander Konstantin Friedrich " * 3)[:76] + "Müller-Lüdenscheidt-"
        "Hohenzollern-Sigmaringen",
    ),
    Student(
        "2026000000000000001",
        "عبد الرحمن بن محمد بن عبد الله بن عبد المطلب الهاشمي القرشي المكي المدني",
    ),
    Student("s3", "欧阳诸葛司马上官东方皇甫尉迟公孙慕容长孙宇文司徒鲜于闾丘令狐钟离澹台公冶"),
]


@pytest.mark.skipif(fragments.find_engine() is None, reason="needs lualatex")
def test_long_names_on_bubble_sheets_shrink_inside_the_header(tmp_path: Path) -> None:
    """A 120-character name and long Arabic and Chinese names (LuaLaTeX's pictures) stay in the
    header: right of the left corner marks, left of the QR code, above the instructions, on a
    line of their own, every character printed."""
    from click.testing import CliRunner

    from generator.bubble_sheet import HEADER_X, INSTRUCTIONS_Y
    from generator.bubbles import MARK_INSET, MARK_SIZE, QR_BOX
    from generator.cli import main

    assert len(SHEET_NAMES[0].name) == 120
    (tmp_path / "spec.yaml").write_text(SHEET_SPEC, encoding="utf-8")
    roster = "student_id,name\n" + "".join(f'{s.id},"{s.name}"\n' for s in SHEET_NAMES)
    (tmp_path / "roster.csv").write_text(roster, encoding="utf-8")
    args = ["generate", str(tmp_path / "spec.yaml"), "--roster", str(tmp_path / "roster.csv")]
    result = CliRunner().invoke(main, [*args, "--sheet", "bubbles", "--out", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    for number, student in enumerate(SHEET_NAMES, start=1):
        path = tmp_path / "o" / "bubble-sheets" / f"V{number:03d}.pdf"
        with pdfplumber.open(path) as pdf:
            chars = pdf.pages[0].chars
        header = [c for c in chars if c["top"] < INSTRUCTIONS_Y * MM]
        assert header and all(c["bottom"] <= INSTRUCTIONS_Y * MM for c in header)
        assert min(c["top"] for c in header) > (MARK_INSET + MARK_SIZE / 2) * MM
        assert min(c["x0"] for c in header) >= HEADER_X * MM - 0.5
        assert max(c["x1"] for c in header) < QR_BOX[0] * MM  # the QR code's left edge
        id_line = [c for c in header if c["text"] in "0123456789" and c["size"] > 8]
        name_top = max(c["bottom"] for c in id_line)  # the name is below the id's line
        name = [c for c in header if c["top"] >= name_top - 0.5]
        if student.id != "2026000000000000001":  # Arabic comes out shaped, in visual order
            assert "".join(c["text"] for c in name) == student.name.replace(" ", "")
        else:
            assert len(name) >= len(student.name.replace(" ", "")) // 2
        found = [w for w in words(path) if w.page == 1]
        assert list(overlaps(found)) == []
