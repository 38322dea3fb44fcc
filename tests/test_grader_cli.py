"""``dlexam grade`` end to end: keys from ``dlexam generate``, CSVs as spreadsheets write them."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from generator.registry import default_registry
from tests.cli_run import generate_keys, run

FAMILIES = ["conv_shape"] + [
    f for f in ("backprop_sin", "sgd_quadratic") if f in default_registry().families
]
SPEC = "title: Grading test\ncourse: DL\nseed: 7\nvariants: 3\nquestions:\n" + "".join(
    f"  - family: {family}\n" for family in FAMILIES
)


@pytest.fixture(scope="module")
def exam(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate_keys(tmp_path_factory.mktemp("exam"), SPEC)


def keys_of(path: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return document


def labels_of(document: dict[str, Any]) -> list[str]:
    return [p["id"] for q in document["variants"][0]["questions"] for p in q["parts"]]


def key_answers(variant: dict[str, Any]) -> dict[str, str]:
    return {
        p["id"]: p["exact"]
        for q in variant["questions"]
        for p in q["parts"]
        if p["kind"] != "manual"
    }


def write_csv(path: Path, rows: list[list[str]], delimiter: str = ",", bom: bool = False) -> Path:
    with path.open("w", newline="", encoding="utf-8-sig" if bom else "utf-8") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_round_trip_keys_as_answers_score_100_percent(exam: Path, tmp_path: Path) -> None:
    document = keys_of(exam)
    labels = labels_of(document)
    rows = [["student_id", "variant", *labels]]
    manual = [["student_id", "part", "points"]]
    for variant in document["variants"]:
        answers = key_answers(variant)
        student = f"s-{variant['id']}"
        rows.append([student, variant["id"], *(answers.get(label, "") for label in labels)])
        manual += [
            [student, p["id"], str(p["points"])]
            for q in variant["questions"]
            for p in q["parts"]
            if p["kind"] == "manual"
        ]
    answers_path = write_csv(tmp_path / "answers.csv", rows)
    manual_path = write_csv(tmp_path / "manual.csv", manual)
    out = tmp_path / "graded"
    code, stdout, stderr = run(
        "grade", str(exam), str(answers_path), "--out", str(out), "--manual", str(manual_path)
    )
    assert code == 0, stdout + stderr
    assert "3 rows read: 3 graded (3 students in scores.csv), 0 in errors.csv" in stdout
    scores = read_rows(out / "scores.csv")
    assert [row["percent"] for row in scores] == ["100.0"] * 3
    assert all(row["grade"] == "A" for row in scores)
    for row in scores:
        statuses = {row[f"{label}_status"] for label in labels}
        assert statuses <= {"correct", "manual"}, row
    feedback = sorted(p.name for p in (out / "feedback").iterdir())
    assert feedback == ["index.csv", "s-V001.txt", "s-V002.txt", "s-V003.txt"]


def version_1(value: Any) -> Any:
    """A keys.json value as version 1 wrote it: intervals [[lo, hi]], infinities null."""
    if isinstance(value, dict):
        return [version_1(value["lower"]), version_1(value["upper"])]
    if isinstance(value, list):
        return [version_1(v) for v in value]
    return None if value in ("inf", "-inf") else value


def test_version_1_keys_grade_exactly_like_version_2(exam: Path, tmp_path: Path) -> None:
    document = keys_of(exam)
    assert document["version"] == 2
    intervals = [
        p["value"]
        for v in document["variants"]
        for q in v["questions"]
        for p in q["parts"]
        if p["kind"] == "interval"
    ]
    assert intervals and all("upper_closed" in i[0] for i in intervals)
    old = json.loads(json.dumps(document))
    old["version"] = 1
    for variant in old["variants"]:
        for question in variant["questions"]:
            for part in question["parts"]:
                part["value"] = version_1(part["value"])
                part.pop("labels", None)
                part.pop("rounded", None)
    old_path = tmp_path / "keys-v1.json"
    old_path.write_text(json.dumps(old), encoding="utf-8")
    labels = labels_of(document)
    rows = [["student_id", "variant", *labels]]
    for variant in document["variants"]:
        answers = key_answers(variant)
        rows.append([f"s-{variant['id']}", variant["id"], *(answers.get(lb, "0") for lb in labels)])
    answers_path = write_csv(tmp_path / "answers.csv", rows)
    for keys_path, out in ((exam, "new"), (old_path, "old")):
        code, stdout, stderr = run(
            "grade", str(keys_path), str(answers_path), "--out", str(tmp_path / out)
        )
        assert code == 0, stdout + stderr
    new_scores = (tmp_path / "new" / "scores.csv").read_text(encoding="utf-8")
    assert new_scores == (tmp_path / "old" / "scores.csv").read_text(encoding="utf-8")


def test_semicolon_csv_with_bom_blanks_quotes_and_a_bad_row(exam: Path, tmp_path: Path) -> None:
    document = keys_of(exam)
    labels = labels_of(document)
    first = key_answers(document["variants"][0])
    right = [first.get(label, "") for label in labels]
    rows = [
        ["student_id", "variant", *labels, "email"],
        ["anna", "V001", *right, "anna@example.org"],
        ["ben", "V001", *([""] * len(labels)), "ben@example.org"],
        ["carl", "V001", *right, "carl@example.org", "1;2"],
        ["dora", "V042", *right, ""],
        ["anna", "V001", *right, "again"],
    ]
    answers_path = write_csv(tmp_path / "answers.csv", rows, delimiter=";", bom=True)
    out = tmp_path / "graded"
    code, stdout, _ = run("grade", str(exam), str(answers_path), "--out", str(out))
    assert code == 0
    assert "5 rows read: 2 graded (2 students in scores.csv), 3 in errors.csv" in stdout
    scores = read_rows(out / "scores.csv")
    assert [row["student_id"] for row in scores] == ["anna", "ben"]
    assert scores[0]["email"] == "anna@example.org"
    assert {scores[1][f"{label}_status"] for label in labels} <= {"blank", "manual"}
    assert scores[1]["total"] == "0" and scores[1]["grade"] == "F"
    errors = read_rows(out / "errors.csv")
    assert [(e["line"], e["student_id"]) for e in errors] == [
        ("4", "carl"),
        ("5", "dora"),
        ("6", "anna"),
    ]
    assert "fields" in errors[0]["reason"]
    assert "unknown variant" in errors[1]["reason"]
    assert "duplicate student_id (first on line 2)" in errors[2]["reason"]


def test_grading_twice_gives_identical_files(exam: Path, tmp_path: Path) -> None:
    document = keys_of(exam)
    labels = labels_of(document)
    rows = [["student_id", "variant", *labels]]
    for n, variant in enumerate(document["variants"] * 4):
        answers = key_answers(variant)
        cells = [answers.get(label, "") if (n + i) % 3 else "0.5" for i, label in enumerate(labels)]
        rows.append([f"s{n}", variant["id"], *cells])
    answers_path = write_csv(tmp_path / "answers.csv", rows)
    outputs = [tmp_path / "one", tmp_path / "two"]
    for out in outputs:
        assert run("grade", str(exam), str(answers_path), "--out", str(out))[0] == 0
    files = sorted(p.relative_to(outputs[0]) for p in outputs[0].rglob("*") if p.is_file())
    assert Path("report.html") in files and Path("report.csv") in files
    assert len([f for f in files if f.parts[0] == "feedback"]) == 12 + 1  # and index.csv
    for relative in files:
        assert (outputs[0] / relative).read_bytes() == (outputs[1] / relative).read_bytes()
    assert sorted(p.relative_to(outputs[1]) for p in outputs[1].rglob("*") if p.is_file()) == files


def test_long_format_and_the_report(exam: Path, tmp_path: Path) -> None:
    document = keys_of(exam)
    variant = document["variants"][1]
    answers = key_answers(variant)
    rows = [["student_id", "variant", "part", "answer", "room"]]
    rows += [["eva", variant["id"], label, text, "A1"] for label, text in answers.items()]
    rows += [["fred", variant["id"], label, "<script>alert(1)</script>", "B2"] for label in answers]
    rows += [["fred", variant["id"], "99z", "1", "B2"]]
    answers_path = write_csv(tmp_path / "long.csv", rows)
    out = tmp_path / "graded"
    code, stdout, _ = run("grade", str(exam), str(answers_path), "--out", str(out))
    assert code == 0
    count = 2 * len(answers) + 1
    assert f"{count} answer lines read: {count - 1} graded (2 students" in stdout
    scores = read_rows(out / "scores.csv")
    assert [row["student_id"] for row in scores] == ["eva", "fred"]
    assert [row["room"] for row in scores] == ["A1", "B2"]  # extra columns pass through
    assert read_rows(out / "errors.csv")[0]["reason"] == "unknown part '99z'"
    report = read_rows(out / "report.csv")
    assert report[0]["item"] == "total (n=2)"
    first_part = next(row for row in report[1:] if row["item"] == "1a")
    assert first_part["facility"] == "0.500"
    html_page = (out / "report.html").read_text(encoding="utf-8")
    assert "<script>" not in html_page and "data:image/png;base64," in html_page
    assert "img{max-width:100%;height:auto}" in html_page  # a 40-part chart fits the page


def test_roster_assigns_variants_when_the_column_is_missing(tmp_path: Path) -> None:
    (tmp_path / "spec.yaml").write_text(SPEC, encoding="utf-8")
    roster = write_csv(
        tmp_path / "roster.csv", [["student_id", "name"], ["m1", "Mia"], ["n2", "Noa"]]
    )
    out = tmp_path / "exam"
    code, *_ = run(
        "generate",
        str(tmp_path / "spec.yaml"),
        "--roster",
        str(roster),
        "--out",
        str(out),
        "--no-pdf",
    )
    assert code == 0
    document = keys_of(out / "keys.json")
    labels = labels_of(document)
    by_student = {v["student"]["id"]: v for v in document["variants"]}
    rows = [["student_id", *labels]]
    rows += [
        [sid, *(key_answers(v).get(label, "") for label in labels)] for sid, v in by_student.items()
    ]
    rows += [["stranger", *([""] * len(labels))]]
    answers_path = write_csv(tmp_path / "answers.csv", rows)
    code, *_ = run("grade", str(out / "keys.json"), str(answers_path), "--out", str(tmp_path / "g"))
    assert code == 0
    scores = read_rows(tmp_path / "g" / "scores.csv")
    assert [(row["student_id"], row["variant"]) for row in scores] == [
        (sid, v["id"]) for sid, v in by_student.items()
    ]
    assert "roster" in read_rows(tmp_path / "g" / "errors.csv")[0]["reason"]


def test_hostile_cells_are_invalid_and_the_file_names_are_safe(exam: Path, tmp_path: Path) -> None:
    labels = labels_of(keys_of(exam))
    hostile = ["__import__('os').system('id')", "9**9**9**9", "1e999999"]
    cells = ["x" * 10_000_000, *(hostile * len(labels))][: len(labels)]
    rows = [["student_id", "variant", *labels], ["../../evil", "V001", *cells]]
    answers_path = write_csv(tmp_path / "answers.csv", rows)
    out = tmp_path / "graded"
    code, *_ = run("grade", str(exam), str(answers_path), "--out", str(out))
    assert code == 0
    row = read_rows(out / "scores.csv")[0]
    assert {row[f"{label}_status"] for label in labels} <= {"invalid", "manual"}
    assert sorted(p.name for p in (out / "feedback").iterdir()) == [
        "evil-0fbfd372.txt",
        "index.csv",
    ]
    assert not (tmp_path / "evil.txt").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("name,1a\nx,1\n", "no student_id column"),
        ("student_id,variant,1a,1a\n", "repeats column"),
        ("", "empty"),
    ],
)
def test_unusable_answer_files_exit_2(
    exam: Path, tmp_path: Path, content: str, message: str
) -> None:
    answers_path = tmp_path / "answers.csv"
    answers_path.write_text(content, encoding="utf-8")
    code, _, err = run("grade", str(exam), str(answers_path), "--out", str(tmp_path / "g"))
    assert code == 2 and message in err and err.startswith("error: ")
    assert not (tmp_path / "g").exists()


def test_bad_manual_points_and_bad_grades_exit_2(exam: Path, tmp_path: Path) -> None:
    answers_path = write_csv(tmp_path / "a.csv", [["student_id", "variant"], ["s1", "V001"]])
    code, _, err = run("grade", str(exam), str(answers_path), "--grades", "A=50,B=90")
    assert code == 2 and "--grades" in err
    bad = write_csv(tmp_path / "m.csv", [["student_id", "part", "points"], ["s1", "1a", "one"]])
    code, _, err = run(
        "grade", str(exam), str(answers_path), "--manual", str(bad), "--out", str(tmp_path / "g")
    )
    assert code == 2 and "not a number" in err and "m.csv:2" in err
    big = write_csv(tmp_path / "m2.csv", [["student_id", "part", "points"], ["s1", "1a", "99"]])
    code, _, err = run(
        "grade", str(exam), str(answers_path), "--manual", str(big), "--out", str(tmp_path / "g")
    )
    assert code == 2 and "outside" in err
    assert not (tmp_path / "g").exists()


def test_manual_points_override_an_automatic_result(exam: Path, tmp_path: Path) -> None:
    """Points entered for an automatically checked part (a handwritten expression on a scanned
    sheet, a generous reading of a wrong answer) replace its result: status manual, the
    feedback names what the check had given; parts without entered points keep their result."""
    document = keys_of(exam)
    labels = labels_of(document)
    variant = document["variants"][0]
    parts = {p["id"]: p for q in variant["questions"] for p in q["parts"]}
    answers = key_answers(variant)
    wrong = next(label for label in labels if parts[label]["kind"] == "number")
    answers[wrong] = "123456"
    row = ["s1", variant["id"], *(answers.get(label, "") for label in labels)]
    answers_path = write_csv(tmp_path / "a.csv", [["student_id", "variant", *labels], row])
    half = parts[wrong]["points"] / 2
    manual = write_csv(
        tmp_path / "m.csv",
        [["student_id", "part", "points", "image"], ["s1", wrong, f"{half:g}", "x.png"]],
    )
    out = tmp_path / "graded"
    code, stdout, stderr = run(
        "grade", str(exam), str(answers_path), "--out", str(out), "--manual", str(manual)
    )
    assert code == 0, stdout + stderr
    scores = read_rows(out / "scores.csv")[0]
    assert scores[f"{wrong}_status"] == "manual"
    assert float(scores[f"{wrong}_points"]) == half
    others = [label for label in labels if label != wrong and parts[label]["kind"] != "manual"]
    assert {scores[f"{label}_status"] for label in others} <= {"correct", "alternative"}
    feedback = (out / "feedback" / "s1.txt").read_text(encoding="utf-8")
    assert "points entered by the instructor (they replace the automatic result: wrong" in feedback


def test_custom_grade_thresholds(exam: Path, tmp_path: Path) -> None:
    document = keys_of(exam)
    labels = labels_of(document)
    answers = key_answers(document["variants"][0])
    rows = [
        ["student_id", "variant", *labels],
        ["s1", "V001", *(answers.get(label, "") for label in labels)],
    ]
    answers_path = write_csv(tmp_path / "a.csv", rows)
    code, *_ = run(
        "grade",
        str(exam),
        str(answers_path),
        "--out",
        str(tmp_path / "g"),
        "--grades",
        "pass=1,fail",
    )
    assert code == 0
    assert read_rows(tmp_path / "g" / "scores.csv")[0]["grade"] == "pass"


def test_the_template_example_row_is_skipped_with_a_note(exam: Path, tmp_path: Path) -> None:
    template = (exam.parent / "answers-template.csv").read_text(encoding="utf-8").splitlines()
    assert template[1].startswith("EXAMPLE,V001,")
    document = keys_of(exam)
    labels = template[0].split(",")[2:]
    answers = key_answers(document["variants"][0])
    real = "s001,V001," + ",".join(f'"{answers.get(label, "")}"' for label in labels)
    path = tmp_path / "answers.csv"
    path.write_text("\n".join([template[0], template[1], real]) + "\n", encoding="utf-8")
    code, out, err = run("grade", str(exam), str(path), "--out", str(tmp_path / "g"))
    assert code == 0, out + err
    assert "note: line 2: the answer template's example row (student_id EXAMPLE)" in err
    assert "3 rows read: 1 graded" not in out and "2 rows read: 1 graded" in out
    assert "1 example row skipped" in out
    assert [row["student_id"] for row in read_rows(tmp_path / "g" / "scores.csv")] == ["s001"]
    assert read_rows(tmp_path / "g" / "errors.csv") == []


def test_roster_students_without_answers_and_strangers_are_listed(tmp_path: Path) -> None:
    (tmp_path / "spec.yaml").write_text(SPEC, encoding="utf-8")
    roster = tmp_path / "roster.csv"
    roster.write_text("Student ID;Name\nm1;Mia Ma\nn2;Noa Ng\no3;Oda Oz\n", encoding="utf-8")
    out = tmp_path / "exam"
    code, stdout, err = run(
        "generate",
        str(tmp_path / "spec.yaml"),
        "--roster",
        str(roster),
        "--out",
        str(out),
        "--no-pdf",
    )
    assert code == 0, stdout + err
    labels = labels_of(keys_of(out / "keys.json"))
    rows = [["student_id", "variant", *labels], ["m1", "", *[""] * len(labels)]]
    rows.append(["zz9", "V002", *[""] * len(labels)])
    answers = write_csv(tmp_path / "answers.csv", rows)
    code, stdout, err = run(
        "grade", str(out / "keys.json"), str(answers), "--out", str(tmp_path / "g")
    )
    assert code == 0, stdout + err
    assert "roster: 2 roster student(s) have no answer row: n2 (Noa Ng), o3 (Oda Oz)" in stdout
    assert "roster: 1 answer row(s) name students not on the roster: zz9 (line 3)" in stdout
    report = (tmp_path / "g" / "report.html").read_text(encoding="utf-8")
    assert "n2 (Noa Ng), o3 (Oda Oz)" in report and "zz9 (line 3)" in report
    assert (
        "note: 2 roster student(s) have no answer row"
        in (tmp_path / "g" / "report.csv").read_text()
    )


def test_the_report_analyses_each_item_a_position_drew(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        "title: Items\nseed: 3\nvariants: 6\nquestions:\n  - family: mc_cnn\n", encoding="utf-8"
    )
    code, out, err = run("generate", str(spec), "--out", str(tmp_path / "exam"), "--no-pdf")
    assert code == 0, out + err
    document = keys_of(tmp_path / "exam" / "keys.json")
    items = {v["id"]: v["questions"][0]["params"]["item"] for v in document["variants"]}
    assert len(set(items.values())) > 1
    rows = [["student_id", "variant", "1a"]]
    for number, variant in enumerate(document["variants"]):
        for copy in range(2):  # one right and one wrong answer per variant
            key = key_answers(variant)["1a"]
            rows.append([f"s{number}{copy}", variant["id"], key if copy else "E"])
    answers = write_csv(tmp_path / "answers.csv", rows)
    code, out, err = run("grade", str(tmp_path / "exam" / "keys.json"), str(answers))
    assert code == 0, out + err
    report = read_rows(tmp_path / "answers-graded" / "report.csv")
    names = [row["item"] for row in report]
    assert "1a" in names
    for item in set(items.values()):
        row = next(r for r in report if r["item"] == f"1a [mc_cnn a {item}]")
        assert float(row["facility"]) == 0.5


def test_the_histogram_counts_whole_students() -> None:
    from grader.charts import histogram

    figure = histogram([30.0, 70.0, 90.0])
    ticks = figure.axes[0].get_yticks()
    assert all(float(t).is_integer() for t in ticks)


def test_charts_drawn_in_a_child_process_are_the_ones_drawn_in_place(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A large class gets its charts from a forked process; the report must not depend on it."""
    import base64

    from grader import charts

    data = charts.ChartData(
        percents=tuple(float(n % 101) for n in range(charts.PARALLEL_FROM)),
        labels=("1a", "1b", "2"),
        facility=(0.9, 0.5, 0.25),
        discrimination=(0.3, 0.0, -0.1),
    )
    in_place = charts.draw(data)
    forks = charts._can_fork()  # asked first: the drawer's own executor then runs a thread
    with charts.ChartDrawer(len(data.percents)) as drawer:
        assert (drawer._executor is not None) == forks
        assert drawer.start(data)() == in_place
    monkeypatch.setattr(charts, "_can_fork", lambda: False)
    with charts.ChartDrawer(len(data.percents)) as drawer:
        assert drawer._executor is None
        assert drawer.start(data)() == in_place
    assert all(base64.b64decode(png).startswith(b"\x89PNG") for png in in_place)
