"""``--roster``: one variant per student, recorded in keys.json; bad rows named by line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.errors import DlexamError
from generator.roster import Student, read_roster

SPEC = """
title: Roster test
seed: 4
variants: 7
questions:
  - family: conv_shape
"""


def roster(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "students.csv"
    path.write_text(text, encoding=encoding)
    return path


def test_reads_students_in_order_ignoring_extra_columns_blank_lines_and_a_bom(
    tmp_path: Path,
) -> None:
    path = roster(
        tmp_path,
        'Name,email,Student_ID\n"Doe, Jane",j@x,  s1 \n\nÉmile Zola,e@x,s2\n',
        encoding="utf-8-sig",
    )
    assert read_roster(path).students == [Student("s1", "Doe, Jane"), Student("s2", "Émile Zola")]


def test_every_bad_row_is_reported_with_its_line_number(tmp_path: Path) -> None:
    path = roster(tmp_path, "student_id,name\ns1,Ann\n,Bob\ns1,Cid\ns2,Dee\n  ,Eve\n")
    with pytest.raises(DlexamError) as error:
        read_roster(path)
    message = str(error.value)
    assert "line 3: empty student_id" in message
    assert "line 4: duplicate student_id 's1' (also line 2)" in message
    assert "line 6: empty student_id" in message
    assert message.startswith(str(path))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("matrikel,name\ns1,Ann\n", "line 1: the header lacks student_id"),
        ("student_id,name\n\n", "the roster has no students"),
        ("given,family\n", "line 1: the header lacks student_id, name"),
        ("", "roster: the file is empty"),
    ],
)
def test_a_roster_without_the_columns_or_students_is_refused(
    tmp_path: Path, text: str, message: str
) -> None:
    with pytest.raises(DlexamError, match=message):
        read_roster(roster(tmp_path, text))


@pytest.mark.parametrize(
    "text",
    [
        "Student ID;Name\ns1;Zoë Ångström\ns2;O'Brien, Pat\n",
        '\ufeffstudent,name\ns1,Zoë Ångström\ns2,"O\'Brien, Pat"\n',
        "id\tName\ts3\ns1\tZoë Ångström\tx\ns2\tO'Brien, Pat\ty\n",
    ],
)
def test_a_roster_is_read_like_the_grader_reads_answers(tmp_path: Path, text: str) -> None:
    """Spreadsheet exports: ``;`` or tab delimiters, a BOM, and the usual header spellings."""
    students = read_roster(roster(tmp_path, text)).students
    assert [(s.id, s.name) for s in students] == [("s1", "Zoë Ångström"), ("s2", "O'Brien, Pat")]


def test_generate_gives_each_student_a_variant_and_records_it_in_the_keys(tmp_path: Path) -> None:
    spec = tmp_path / "exam.yaml"
    spec.write_text(SPEC)
    path = roster(tmp_path, "student_id,name\n1001,Ann Lee\n1002,Bo Chen\n1003,Cy Diaz\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["generate", str(spec), "--roster", str(path), "--out", str(out), "--no-pdf"]
    )
    assert result.exit_code == 0, result.output
    keys = json.loads((out / "keys.json").read_text())
    assert [(v["id"], v["student"]) for v in keys["variants"]] == [
        ("V001", {"id": "1001", "name": "Ann Lee"}),
        ("V002", {"id": "1002", "name": "Bo Chen"}),
        ("V003", {"id": "1003", "name": "Cy Diaz"}),
    ]
    tex = (out / "tex" / "V002.tex").read_text()
    assert "\\dlnamefields{\\dlname{2}}{1002}" in tex  # page 2 of the names LuaLaTeX sets
    names = (out / "tex" / "fragments.tex").read_text()
    assert "\\dlfragment{2}{TLT}{Bo Chen}" in names
    # The example row is nobody's: left in, it must not pass for the first student's answers.
    assert (out / "answers-template.csv").read_text().splitlines()[1].startswith("EXAMPLE,V001,")


def test_a_roster_and_a_different_variant_count_conflict(tmp_path: Path) -> None:
    spec = tmp_path / "exam.yaml"
    spec.write_text(SPEC)
    path = roster(tmp_path, "student_id,name\n1,A\n2,B\n")
    result = CliRunner().invoke(
        main, ["generate", str(spec), "--roster", str(path), "--variants", "3", "--no-pdf"]
    )
    assert result.exit_code == 2
    assert "--variants 3 but the roster has 2 students" in result.stderr


def test_a_bad_roster_stops_generate_before_anything_is_written(tmp_path: Path) -> None:
    spec = tmp_path / "exam.yaml"
    spec.write_text(SPEC)
    out = tmp_path / "out"
    path = roster(tmp_path, "student_id,name\n7,A\n7,B\n")
    result = CliRunner().invoke(
        main, ["generate", str(spec), "--roster", str(path), "--out", str(out)]
    )
    assert result.exit_code == 2
    assert "line 3: duplicate student_id '7' (also line 2)" in result.stderr
    assert not out.exists()


def test_without_lualatex_every_named_copy_is_refused_with_the_install_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator import fragments, pdf

    monkeypatch.setattr(fragments, "find_engine", lambda: None)
    monkeypatch.setattr(pdf, "find_engine", lambda *_: "pdflatex")  # never reached: no copy left
    spec = tmp_path / "exam.yaml"
    spec.write_text(SPEC)
    path = roster(tmp_path, "student_id,name\n1001,李雷\n1002,Bo Chen\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["generate", str(spec), "--roster", str(path), "--out", str(out)]
    )
    assert result.exit_code == 2
    assert "cannot print the name of student 1001 (李雷), variant V001" in result.stderr
    assert "lualatex not found" in result.stderr
    assert "apt-get install texlive-luatex fonts-noto-core fonts-noto-cjk" in result.stderr
    assert "2 of 2 copies were not made: V001, V002; no print files" in result.stderr
    assert not list(out.glob("*.pdf")) and not list(out.glob("*/V*.pdf"))
    assert (out / "keys.json").is_file()


def test_a_messy_roster_is_read_with_warnings_that_quiet_hides(tmp_path: Path) -> None:
    """A Windows-1252 roster with a blank line above the header: the names are read, and the
    instructor is told what was assumed (accents printed on every exam depend on it)."""
    spec = tmp_path / "exam.yaml"
    spec.write_text(SPEC)
    path = roster(tmp_path, "\nstudent_id,name\n1001,Jürgen Müller\n1002,Zoë\n", "cp1252")
    command = ["generate", str(spec), "--roster", str(path), "--no-pdf"]
    loud = CliRunner().invoke(main, [*command, "--out", str(tmp_path / "loud")])
    assert loud.exit_code == 0, loud.output
    assert f"warning: roster: {path}: not UTF-8" in loud.stderr
    assert "Windows-1252" in loud.stderr
    assert f"warning: roster: {path}: blank lines above the header skipped" in loud.stderr
    keys = json.loads((tmp_path / "loud" / "keys.json").read_text(encoding="utf-8"))
    assert keys["variants"][0]["student"] == {"id": "1001", "name": "Jürgen Müller"}
    quiet = CliRunner().invoke(main, [*command, "--quiet", "--out", str(tmp_path / "quiet")])
    assert quiet.exit_code == 0 and "warning" not in quiet.stderr


def test_the_answer_template_is_written_like_every_dlexam_csv(tmp_path: Path) -> None:
    """CRLF rows, as the grader's own CSVs. Roster ids never reach the template (its rows are the
    header and the EXAMPLE row), but hostile ones must not break it or keys.json either."""
    spec = tmp_path / "exam.yaml"
    spec.write_text(SPEC)
    text = 'student_id,name\n"=HYPERLINK(""x"")",Ann\n"s\r2",Bo\n3,Cy\n4,Di\n5,Ed\n6,Fay\n7,Gus\n'
    path = roster(tmp_path, text)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["generate", str(spec), "--roster", str(path), "--out", str(out), "--no-pdf"]
    )
    assert result.exit_code == 0, result.output
    raw = (out / "answers-template.csv").read_bytes().decode("utf-8")
    assert raw.count("\r\n") == 2 and raw.endswith("\r\n") and "\n" not in raw.replace("\r\n", "")
    assert raw.split("\r\n")[1].startswith("EXAMPLE,V001,")
    keys = json.loads((out / "keys.json").read_text(encoding="utf-8"))
    assert [v["student"]["id"] for v in keys["variants"][:2]] == ['=HYPERLINK("x")', "s\r2"]
