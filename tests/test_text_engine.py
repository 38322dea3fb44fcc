"""Which engine an exam's texts need, decided from the text alone; the table checked with TeX."""

from __future__ import annotations

from dataclasses import replace

import pytest

from generator import pdf
from generator.documents import exam_document
from generator.registry import default_registry
from generator.rendering import tex_escape
from generator.spec import DEFAULT_SPEC, load_spec
from generator.text_engine import LUALATEX, PDFLATEX, beyond_pdflatex, engine_for, pdflatex_prints
from generator.variants import build_exam


@pytest.mark.parametrize(
    "text",
    ["Exam test", "Prüfung: Ærø naïve café", "Łódź — ‘Kraków’ “Śląsk” …", "Dvořák €5", "a\tb\nc"],
)
def test_latin_texts_stay_with_pdflatex(text: str) -> None:
    assert beyond_pdflatex([text]) == []
    assert engine_for([text, None, ""]) == PDFLATEX


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("Глубокое обучение", "Г"),
        ("Δίκτυα", "Δ"),
        ("深度学习", "深"),
        ("x − y", "−"),  # U+2212 MINUS SIGN: not declared for T1, so LuaLaTeX
        ("Nguyễn", "ễ"),
        ("محمد", "م"),
    ],
)
def test_any_other_script_needs_lualatex(text: str, first: str) -> None:
    assert beyond_pdflatex([text])[0] == first
    assert engine_for(["Exam", text]) == LUALATEX


def test_the_preamble_follows_the_engine_and_a_latin_exam_keeps_its_latex() -> None:
    spec = replace(load_spec(DEFAULT_SPEC, default_registry()), course="Kurs X")
    exam = build_exam(spec, 1, spec.seed)
    latin = exam_document(spec, exam.variants)
    assert spec.engine == PDFLATEX
    assert "\\usepackage[utf8]{inputenc}" in latin and "fontspec" not in latin
    russian = replace(spec, course="Глубокое обучение")
    assert russian.engine == LUALATEX
    other = exam_document(russian, exam.variants)
    assert "\\usepackage{fontspec}" in other and "inputenc" not in other
    assert 'luaotfload.add_fallback("dlfallback"' in other
    # only the preamble differs: the questions are the same LaTeX
    body = latin.split("\\begin{document}")[1]
    assert other.split("\\begin{document}")[1] == body.replace("Kurs X", "Глубокое обучение")


@pytest.mark.skipif(pdf.find_engine() is None, reason="needs pdflatex")
def test_every_character_left_to_pdflatex_prints_with_the_exams_preamble() -> None:
    """The table of generator/text_engine.py against this machine's TeX: each character compiles
    without an error or a missing glyph."""
    spec = load_spec(DEFAULT_SPEC, default_registry())
    preamble = exam_document(spec, build_exam(spec, 1, spec.seed).variants).split(
        "\\begin{document}"
    )[0]
    characters = [chr(c) for c in range(0x20, 0x10000) if pdflatex_prints(chr(c))]
    body = "".join(f"\\mbox{{{tex_escape(c)}}} " for c in characters)
    data, log = pdf.run_latex(
        str(pdf.find_engine()), f"{preamble}\\begin{{document}}\n{body}\n\\end{{document}}\n"
    )
    assert data is not None
    assert pdf.log_errors(log) == []
    assert "Missing character" not in log
