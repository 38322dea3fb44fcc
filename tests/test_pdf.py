"""PDFs from ``dlexam generate``: what a student, a grader and a printer get.

One small exam is typeset once per module (conv_shape plus a copy of it whose solution and rubric
carry sentinel words) and its PDFs are read back with pdftotext, so the checks are on what is
actually printed, not on the LaTeX source.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from generator import pdf
from generator.build import FOLDERS, MODES, compile_pdfs, write_sources
from generator.registry import BUNDLED, load_registry
from generator.roster import Student, assign
from generator.spec import load_spec
from generator.variants import build_exam

pytestmark = pytest.mark.skipif(
    pdf.find_engine() is None or shutil.which("pdftotext") is None,
    reason="needs pdflatex and pdftotext",
)

TITLE = r"50% & more_{}\input{/etc/passwd} -- `it's' <<x>>"
SOLUTION_SENTINEL = "Zanzibarsolutionword"
RUBRIC_SENTINEL = "Quagmirerubricword"
STUDENTS = [Student("s-101", "Zoë O'Brien & Co"), Student("s_102", "Ana <<#1>> ~ 100%, ,,")]


def sentinel_family(root: Path) -> None:
    """A copy of conv_shape whose worked solution and rubric contain words found nowhere else."""
    folder = root / "sentinel_conv"
    shutil.copytree(BUNDLED / "conv_shape", folder)
    meta = yaml.safe_load((folder / "meta.yaml").read_text())
    meta["id"] = "sentinel_conv"
    for part in meta["parts"]:
        part["rubric"] = f"{RUBRIC_SENTINEL} {part.get('rubric', '')}"
    (folder / "meta.yaml").write_text(yaml.safe_dump(meta))
    solution = (folder / "solution.tex.j2").read_text()
    (folder / "solution.tex.j2").write_text(f"{SOLUTION_SENTINEL}\n{solution}")
    (folder / "test_family.py").unlink()


def text_of(path: Path) -> list[str]:
    """The text of every page (pdftotext separates pages with form feeds)."""
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return out.split("\f")[:-1]


def typeset(families: Path, out: Path) -> dict:
    """Generate the test exam with every PDF into ``out``."""
    registry = load_registry([BUNDLED, families])
    spec_path = families / "exam.yaml"
    spec_path.write_text(
        yaml.safe_dump(
            {
                "title": TITLE,
                "course": "DL & Co $5",
                "instructions": "Line one.\n\nSecond paragraph: 100% #honest.",
                "seed": 7,
                "questions": [{"family": "conv_shape"}, {"family": "sentinel_conv"}],
            }
        )
    )
    spec = load_spec(spec_path, registry)
    exam = build_exam(spec, len(STUDENTS))
    assign(exam, STUDENTS)
    written, groups = write_sources(exam, out)
    compile_pdfs(exam, written, groups, str(pdf.find_engine()), jobs=2)
    assert written.failures == []
    return {"out": out, "written": written, "keys": json.loads((out / "keys.json").read_text())}


@pytest.fixture(scope="module")
def families(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("families")
    sentinel_family(root)
    return root


@pytest.fixture(scope="module")
def built(families: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    return typeset(families, tmp_path_factory.mktemp("out"))


def variant_ids(built: dict) -> list[str]:
    return [variant["id"] for variant in built["keys"]["variants"]]


def test_every_variant_has_every_document_and_every_print_file_exists(built: dict) -> None:
    out = built["out"]
    for mode in MODES:
        assert (out / f"{FOLDERS[mode]}-all.pdf").is_file()
        for variant in variant_ids(built):
            assert (out / FOLDERS[mode] / f"{variant}.pdf").is_file()


def test_student_pdfs_contain_no_solution_text_but_the_solutions_do(built: dict) -> None:
    out = built["out"]
    solution_only = [SOLUTION_SENTINEL, RUBRIC_SENTINEL, "Key:", "Rubric:", "Solution."]
    for variant in built["keys"]["variants"]:
        keys = [p["exact"] for q in variant["questions"] for p in q["parts"]]
        n_params = [k for k in keys if k and k.isdigit() and len(k) >= 3]
        for folder in ("exam", "answer-sheets"):
            student = "\n".join(text_of(out / folder / f"{variant['id']}.pdf"))
            for word in solution_only:
                assert word not in student, f"{word!r} in {folder}/{variant['id']}.pdf"
        solutions = "\n".join(text_of(out / "solutions" / f"{variant['id']}.pdf"))
        for word in [*solution_only, *n_params]:
            assert word in solutions, f"{word!r} missing from the solutions of {variant['id']}"


def test_every_page_carries_its_variant_code(built: dict) -> None:
    out = built["out"]
    for variant in variant_ids(built):
        others = [v for v in variant_ids(built) if v != variant]
        for mode in MODES:
            for number, page in enumerate(text_of(out / FOLDERS[mode] / f"{variant}.pdf"), 1):
                assert f"Variant {variant}" in page, f"{mode} {variant} page {number}"
                assert not any(other in page for other in others)


def test_print_files_start_every_variant_on_an_odd_page(built: dict) -> None:
    out = built["out"]
    for mode in MODES:
        pages = text_of(out / f"{FOLDERS[mode]}-all.pdf")
        expected = []
        for variant in variant_ids(built):
            count = len(PdfReader(out / FOLDERS[mode] / f"{variant}.pdf").pages)
            expected += [variant] * (count + count % 2)
        assert len(pages) == len(expected), mode
        for number, (page, variant) in enumerate(zip(pages, expected, strict=True), 1):
            assert f"Variant {variant}" in page, f"{mode}-all.pdf page {number}"
        starts = [i for i, v in enumerate(expected) if i == 0 or expected[i - 1] != v]
        assert all(i % 2 == 0 for i in starts)  # 0-based even = printed odd page


def test_outside_text_prints_literally(built: dict) -> None:
    first = text_of(built["out"] / "exam" / "V001.pdf")[0]
    assert TITLE in first
    assert "DL & Co $5" in first
    assert "Second paragraph: 100% #honest." in first


def test_each_students_copy_carries_their_name_and_id(built: dict) -> None:
    out = built["out"]
    for variant, student in zip(built["keys"]["variants"], STUDENTS, strict=True):
        assert variant["student"] == {"id": student.id, "name": student.name}
        for folder in ("exam", "answer-sheets"):
            first = text_of(out / folder / f"{variant['id']}.pdf")[0]
            assert student.name in first and student.id in first


def test_answer_boxes_carry_the_csv_labels(built: dict) -> None:
    out = built["out"]
    header = (out / "answers-template.csv").read_text().splitlines()[0].split(",")
    labels = header[2:]
    assert labels == ["1a", "1b", "1c", "2a", "2b", "2c"]
    for variant in variant_ids(built):
        sheet = text_of(out / "answer-sheets" / f"{variant}.pdf")
        assert len(sheet) == 1
        exam = "\n".join(text_of(out / "exam" / f"{variant}.pdf"))
        for label in labels:
            assert label in sheet[0] and label in exam


def test_points_table_lists_every_question_and_the_total(built: dict) -> None:
    first = text_of(built["out"] / "exam" / "V001.pdf")[0]
    points = next(line for line in first.splitlines() if line.strip().startswith("Points"))
    assert points.split()[1:] == ["4", "4", "8"]


def test_the_qr_code_encodes_the_variant_on_the_first_page(built: dict) -> None:
    tex = "".join(path.read_text() for path in built["written"].tex)
    for variant in variant_ids(built):
        assert f"% dlexam qr: {variant}\n" in tex
    reader = PdfReader(built["out"] / "exam" / "V001.pdf")
    contents = [page.get_contents() for page in reader.pages[:2]]
    assert all(content is not None for content in contents)
    first, second = (content.get_data() for content in contents if content is not None)
    # The code is drawn as hundreds of filled rules: the first page has far more fill operators.
    assert first.count(b" re") > second.count(b" re") + 100


def test_pdfs_are_byte_identical_across_runs(built: dict, families: Path, tmp_path: Path) -> None:
    again = typeset(families, tmp_path)["out"]
    files = sorted(p.relative_to(built["out"]) for p in built["out"].rglob("*.pdf"))
    assert len(files) == 3 * (len(STUDENTS) + 1)
    for relative in files:
        assert (built["out"] / relative).read_bytes() == (again / relative).read_bytes(), relative
