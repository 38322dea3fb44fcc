"""``dlexam generate`` end to end: output layout, --no-pdf, no TeX installed, LaTeX failures."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import pdf
from generator.build import chunks
from generator.documents import exam_document, locate, share_pictures
from generator.registry import BUNDLED, default_registry, forget_default_registry
from generator.spec import load_spec
from generator.variants import Variant, build_exam
from tests.cli_run import run

needs_tex = pytest.mark.skipif(pdf.find_engine() is None, reason="needs pdflatex")

SPEC = """
title: Generate test
course: DL 101
seed: {seed}
variants: {variants}
questions:
  - family: conv_shape
{extra}"""


def write_spec(folder: Path, seed: int = 3, variants: int = 2, extra: str = "") -> Path:
    path = folder / "exam.yaml"
    path.write_text(SPEC.format(seed=seed, variants=variants, extra=extra))
    return path


@pytest.fixture
def broken_family(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """conv_shape's copy ``broken_conv`` whose question fails in LaTeX when ``filters`` is even."""
    root = tmp_path / "families"
    folder = root / "broken_conv"
    shutil.copytree(BUNDLED / "conv_shape", folder)
    (folder / "test_family.py").unlink()
    meta = folder / "meta.yaml"
    meta.write_text(meta.read_text().replace("id: conv_shape", "id: broken_conv"))
    question = folder / "question.tex.j2"
    question.write_text(
        "<% if filters % 2 == 0 %>\\dlnosuchmacro<% endif %>\n" + question.read_text()
    )
    monkeypatch.setenv("DLEXAM_TEMPLATES", str(root))
    forget_default_registry()
    yield root
    forget_default_registry()


def test_no_pdf_writes_keys_sources_and_template_only(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, stdout, _ = run("generate", str(write_spec(tmp_path)), "--out", str(out), "--no-pdf")
    assert code == 0, stdout
    files = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert files == ["answers-template.csv", "keys.json", "tex/V001.tex", "tex/V002.tex"]


def test_sources_hold_several_variants_in_a_number_of_documents_independent_of_jobs(
    tmp_path: Path,
) -> None:
    spec = load_spec(write_spec(tmp_path), default_registry())
    exam = build_exam(spec, 100)
    groups = chunks(exam.variants)
    assert len(groups) == 8 and [v.id for g in groups for v in g] == [v.id for v in exam.variants]
    tex = exam_document(spec, groups[0])
    lines = tex.splitlines()
    # Every line of the document is traced back to its variant, mode and question.
    line = next(i for i, text in enumerate(lines, 1) if "What is the output dim" in text)
    assert str(locate(tex, line)) == "variant V001 (exam), question 1"
    assert str(locate(tex, 1)) == "the preamble (exam title, course or date)"


def test_without_tex_the_sources_are_written_and_the_message_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf, "find_engine", lambda *_: None)
    out = tmp_path / "out"
    code, _, err = run("generate", str(write_spec(tmp_path)), "--out", str(out))
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("error: pdflatex not found")
    assert "apt-get install" in err and "texlive-latex-extra" in err
    assert (out / "keys.json").is_file() and (out / "tex" / "V001.tex").is_file()
    assert not list(out.rglob("*.pdf"))


@needs_tex
def test_a_latex_error_names_variant_and_question_and_the_other_variants_go_on(
    tmp_path: Path, broken_family: Path
) -> None:
    extra = "  - family: broken_conv\n"
    out = tmp_path / "out"
    code, stdout, err = run(
        "generate", str(write_spec(tmp_path, seed=5, variants=4, extra=extra)), "--out", str(out)
    )
    keys = json.loads((out / "keys.json").read_text())
    even = {
        v["id"] for v in keys["variants"] if int(v["questions"][1]["params"]["filters"]) % 2 == 0
    }
    good = {v["id"] for v in keys["variants"]} - even
    assert even and good, "the seed must give both even and odd filter counts"
    assert code == 2, stdout
    for variant in even:
        assert f"LaTeX error in variant {variant} (exam), question 2: " in err
        assert not (out / "exam" / f"{variant}.pdf").exists()
    assert "Undefined control sequence" in err and "\\dlnosuchmacro" in err
    assert f"{len(even)} of 4 variant(s) have no PDF" in err
    for variant in good:
        for folder in ("exam", "answer-sheets", "solutions"):
            assert (out / folder / f"{variant}.pdf").is_file()
    assert not list(out.glob("*-all.pdf"))
    assert list((out / "tex").glob("*.log")) and list((out / "tex").glob("*.tex"))


@needs_tex
def test_an_error_outside_every_variant_fails_the_whole_document(tmp_path: Path) -> None:
    spec = load_spec(write_spec(tmp_path), default_registry())
    exam = build_exam(spec, 2)

    def render(variants: list[Variant]) -> str:
        tex = exam_document(spec, variants)
        return tex.replace("\\begin{document}", "\\nosuch\n\\begin{document}")

    result = pdf.compile_variants(str(pdf.find_engine()), exam.variants, render)
    assert result.pdf is None
    [failure] = result.failures
    assert failure.variants == ("V001", "V002") and failure.place.variant is None
    assert any("Undefined control sequence" in line for line in failure.lines)


def test_log_parsing_finds_errors_with_their_source_lines_and_the_section_pages() -> None:
    log = "\n".join(
        [
            "dlexam-section-begin V001 exam 0",
            "dlexam-section-end V001 exam 3",
            "dlexam-section-begin V001 solutions 4",
            "dlexam-section-end V001 solutions 6",
            "! Undefined control sequence.",
            "l.42 \\nosuch",
            "",
            "! Emergency stop.",
        ]
    )
    assert pdf.log_errors(log) == [
        (42, ("! Undefined control sequence.", "l.42 \\nosuch")),
        (None, ("! Emergency stop.",)),
    ]
    sections = pdf.log_sections(log)
    assert sections[("V001", "exam")] == pdf.Pages(0, 3, 4)  # 3 pages and a blank one
    assert sections[("V001", "solutions")] == pdf.Pages(4, 6, 6)


def test_repeated_pictures_are_typeset_once_and_shown_everywhere() -> None:
    picture = "\\begin{tikzpicture}\\node {Pic};\\end{tikzpicture}"
    other = "\\begin{tikzpicture}\\node {Once};\\end{tikzpicture}"
    tex = (
        "\\documentclass{article}\\usepackage{tikz}\\begin{document}\n"
        f"\\begin{{center}}{picture}\\end{{center}}\n{other}\n\\par{{\\small x {picture}}}\n"
        "\\end{document}\n"
    )
    shared = share_pictures(tex)
    assert shared.count("\\begin{tikzpicture}") == 2 and shared.count("\\usebox{\\dlfigA}") == 2
    if pdf.find_engine() is None or shutil.which("pdftotext") is None:
        pytest.skip("needs pdflatex and pdftotext")
    data, _ = pdf.run_latex(str(pdf.find_engine()), shared)
    assert data is not None
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    assert text.count("Pic") == 2 and text.count("Once") == 1
