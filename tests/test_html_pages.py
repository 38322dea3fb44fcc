"""``dlexam generate --html``: one self-contained exam page and one solutions page per variant."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from generator.cli import main
from generator.outputs import pandoc
from generator.outputs.figures import FigureCache
from generator.outputs.page import write_pages
from generator.registry import default_registry
from generator.spec import DEFAULT_SPEC, load_spec
from generator.variants import build_exam

SPEC = """
title: Quiz <script>alert(1)</script> & more
course: DL 101
date: 2026-12-14
instructions: |
  No calculators.

  Show your work.
seed: 5
variants: 2
questions:
  - family: backprop_sin
  - family: mc_cnn
"""


def test_generate_html_writes_self_contained_pages(tmp_path: Path) -> None:
    spec = tmp_path / "quiz.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["generate", str(spec), "--html", "--no-pdf", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert f"HTML pages:       4 file(s) in {out}/exam/, {out}/solutions/" in result.stdout
    for folder in ("exam", "solutions"):
        assert sorted(p.name for p in (out / folder).iterdir()) == ["V001.html", "V002.html"]
    exam = (out / "exam" / "V001.html").read_text(encoding="utf-8")
    solutions = (out / "solutions" / "V001.html").read_text(encoding="utf-8")
    for page in (exam, solutions):
        assert "<script" not in page  # the spec's title is escaped, and pages run no script
        assert "Quiz &lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in page
        assert not re.search(r'(src|href)="(https?:)?//', page)  # nothing fetched from outside
        assert 'src="data:image/svg+xml;base64,' in page
        assert "<math" in page
    assert "<strong>Instructions.</strong> No calculators.</p><p>Show your work.</p>" in exam
    assert 'aria-label="answer box 1b"' in exam and "Key:" not in exam
    assert solutions.count('class="key"') == exam.count('class="answer-box') - 1  # 1a by hand
    assert '<ol type="A">' in exam  # the multiple-choice options, lettered as on paper


def test_same_seed_gives_byte_identical_pages(tmp_path: Path) -> None:
    """Figures compiled afresh (a new cache folder) and pandoc run again give the same bytes."""
    spec = load_spec(DEFAULT_SPEC, default_registry())
    texts = []
    for run in ("first", "second"):
        pandoc._cache.clear()
        pages = write_pages(
            build_exam(spec, 1), tmp_path / run, FigureCache(tmp_path / run / "fig")
        )
        texts.append([page.read_bytes() for page in pages])
    assert texts[0] == texts[1]


def test_pages_are_named_like_the_pdfs_with_name_by_student(tmp_path: Path) -> None:
    spec = tmp_path / "quiz.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    roster = tmp_path / "students.csv"
    roster.write_text("student_id,name\ns001,Ada Lovelace\ns002,Alan Turing\n", encoding="utf-8")
    out = tmp_path / "out"
    args = ["generate", str(spec), "--html", "--no-pdf", "--roster", str(roster)]
    result = CliRunner().invoke(main, [*args, "--name-by", "student", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (out / "exam").iterdir()) == ["s001.html", "s002.html"]
    assert "Ada Lovelace" in (out / "exam" / "s001.html").read_text(encoding="utf-8")
