"""Every bundled exam spec generates: 2 variants, schema-valid keys, LaTeX and (with TeX) PDFs.

The specs in ``generator/specs/`` mirror whole source exams, so a family change that breaks one of
them (a renamed parameter or item, a Choice value that no longer exists, a question that no longer
compiles) should fail here rather than in front of an instructor. The steps are the ones
``dlexam generate`` runs: ``load_spec``, ``build_exam``, ``write_sources``, ``compile_pdfs``.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator import pdf
from generator.build import FOLDERS, compile_pdfs, write_sources
from generator.keys import load_keys
from generator.registry import default_registry
from generator.spec import DEFAULT_SPEC, SPEC_DIR, load_spec
from generator.variants import Exam, build_exam

VARIANTS = 2
SPECS = sorted(path.name for path in SPEC_DIR.glob("*.yaml"))
# Specs that mirror a source stating its points: the total the spec must reproduce (the TUM
# endterm has 90 credits, 11 of them on sub-questions no family covers; the BITS test has 30
# marks, 6 of them on the decision-boundary question no family covers).
SOURCE_TOTALS = {"tum_endterm.yaml": 79.0, "bits_midsem.yaml": 24.0}


@cache
def exam(name: str) -> Exam:
    """The spec's first two variants (cached: the compile test reuses the keys test's draw)."""
    return build_exam(load_spec(SPEC_DIR / name, default_registry()), VARIANTS)


def test_the_bundled_specs_include_the_default_and_every_mirrored_exam() -> None:
    assert DEFAULT_SPEC.name in SPECS
    expected = {"vir2021_midterm", "vir2022_midterm", "vir2022_exam", "tum_endterm", "bits_midsem"}
    assert expected <= {Path(name).stem for name in SPECS}


@pytest.mark.parametrize("name", SPECS)
def test_spec_builds_two_variants_with_schema_valid_keys(name: str, tmp_path: Path) -> None:
    built = exam(name)
    written, groups = write_sources(built, tmp_path)
    document = load_keys(written.keys)  # re-reads the written file and validates the schema
    questions = len(built.spec.questions)
    assert [v["id"] for v in document["variants"]] == ["V001", "V002"]
    assert all(len(v["questions"]) == questions for v in document["variants"])
    assert [p.name for p in written.tex] == ["V001.tex", "V002.tex"]
    assert sorted(v.id for group in groups.values() for v in group) == ["V001", "V002"]
    # The warnings allowed are the ones pinned free-text items cause (one item, one wording).
    for warning in built.warnings:
        assert "(free_" in warning and "has every parameter fixed" in warning, warning
    if name in SOURCE_TOTALS:
        assert document["exam"]["max_points"] == SOURCE_TOTALS[name]


@pytest.mark.skipif(pdf.find_engine() is None, reason="pdflatex is not installed: PDFs not built")
@pytest.mark.parametrize("name", SPECS)
def test_spec_compiles_to_pdfs(name: str, tmp_path: Path) -> None:
    built = exam(name)
    written, groups = write_sources(built, tmp_path)
    engine = pdf.find_engine()
    assert engine is not None
    compile_pdfs(built, written, groups, engine, jobs=os.cpu_count() or 1)
    assert not written.failures, "\n".join(str(failure) for failure in written.failures)
    for folder in FOLDERS.values():
        for variant in ("V001", "V002"):
            assert len(PdfReader(tmp_path / folder / f"{variant}.pdf").pages) >= 1
    assert sorted(path.name for path in written.combined) == sorted(
        f"{folder}-all.pdf" for folder in FOLDERS.values()
    )
