"""A real class: shuffled questions, PDFs named by student, output folders and re-generation."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator import pdf
from generator.cli import main
from tests.cli_run import run

needs_tex = pytest.mark.skipif(pdf.find_engine() is None, reason="needs pdflatex")

SPEC = """title: Class test
course: DL
seed: {seed}
variants: 4
shuffle_questions: true
questions:
  - family: conv_shape
  - family: backprop_sin
  - family: mc_cnn
"""


def spec(folder: Path, seed: int = 5) -> Path:
    path = folder / "spec.yaml"
    path.write_text(SPEC.format(seed=seed), encoding="utf-8")
    return path


def keys(folder: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((folder / "keys.json").read_text(encoding="utf-8"))
    return document


def test_shuffled_questions_are_labelled_graded_and_templated_by_printed_number(
    tmp_path: Path,
) -> None:
    out = tmp_path / "exam"
    code, stdout, err = run("generate", str(spec(tmp_path)), "--out", str(out), "--no-pdf")
    assert code == 0, stdout + err
    document = keys(out)
    orders = {tuple(q["family"] for q in v["questions"]) for v in document["variants"]}
    assert len(orders) > 1  # the seed shuffles the questions differently per variant
    for variant in document["variants"]:
        for question in variant["questions"]:
            assert all(p["id"] == f"{question['number']}{p['part']}" for p in question["parts"])
        # The exam prints "(1a)" under Question 1, whatever the spec position of its family.
        tex = (out / "tex" / f"{variant['id']}.tex").read_text(encoding="utf-8")
        marker = f"%% dlexam: {variant['id']} exam question 1\n"
        section = tex.split(marker)[1].split("%% dlexam:")[0]
        first = variant["questions"][0]
        assert f"{{1{first['parts'][0]['part']}}}" in section
    header = (out / "answers-template.csv").read_text(encoding="utf-8").splitlines()[0]
    labels = header.split(",")[2:]
    numbers = [int(re.match(r"\d+", label)[0]) for label in labels]  # type: ignore[index]
    assert numbers == sorted(numbers)
    every = {
        p["id"]
        for v in document["variants"]
        for q in v["questions"]
        for p in q["parts"]
        if p["kind"] != "manual"
    }
    assert set(labels) == every
    # Answers written by printed label grade as right, and the feedback names those labels.
    rows = [["student_id", "variant", *labels]]
    for number, variant in enumerate(document["variants"]):
        answers = {
            p["id"]: p["exact"] for q in variant["questions"] for p in q["parts"] if p["exact"]
        }
        rows.append([f"s{number}", variant["id"], *(answers.get(label, "") for label in labels)])
    path = tmp_path / "answers.csv"
    path.write_text(
        "\n".join(",".join(f'"{cell}"' for cell in row) for row in rows) + "\n", encoding="utf-8"
    )
    code, stdout, err = run(
        "grade", str(out / "keys.json"), str(path), "--out", str(tmp_path / "g")
    )
    assert code == 0, stdout + err
    scores = (tmp_path / "g" / "scores.csv").read_text(encoding="utf-8").splitlines()
    assert all(",wrong" not in line and ",blank" not in line for line in scores[1:])
    feedback = (tmp_path / "g" / "feedback" / "s0.txt").read_text(encoding="utf-8")
    first = document["variants"][0]["questions"][0]
    assert f"1{first['parts'][0]['part']}  {first['parts'][0]['prompt']}" in feedback


@needs_tex
def test_pdfs_can_be_named_by_student(tmp_path: Path) -> None:
    path = tmp_path / "spec.yaml"
    path.write_text("title: Named\nseed: 1\nquestions:\n  - family: conv_shape\n", encoding="utf-8")
    roster = tmp_path / "roster.csv"
    roster.write_text("Student ID;Name\ns-01;Ann Lee\nx/../02;Bo Chen\n", encoding="utf-8")
    out = tmp_path / "exam"
    code, stdout, err = run(
        "generate", str(path), "--roster", str(roster), "--out", str(out), "--name-by", "student"
    )
    assert code == 0, stdout + err
    for folder in ("exam", "answer-sheets", "solutions"):
        assert sorted(p.name for p in (out / folder).iterdir()) == [
            "s-01.pdf",
            "x____02-10a3c0e3.pdf",
        ]
    code, _, err = run("generate", str(path), "--out", str(tmp_path / "b"), "--name-by", "student")
    assert code == 2 and "--name-by student needs --roster" in err


def test_check_variant_accepts_a_student_id(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("student_id,name\nm1,Mia\nn2,Noa\n", encoding="utf-8")
    out = tmp_path / "exam"
    code, stdout, err = run(
        "generate", str(spec(tmp_path)), "--roster", str(roster), "--out", str(out), "--no-pdf"
    )
    assert code == 0, stdout + err
    result = CliRunner().invoke(
        main, ["check", str(out / "keys.json"), "--variant", "n2"], input="\n" * 40
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Class test, variant V002:")


@pytest.mark.parametrize("case", ["file", "missing parent", "unwritable"])
def test_a_bad_out_folder_is_one_line_and_exit_2(
    tmp_path: Path, case: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out"
    if case == "file":
        target.write_text("not a folder")
    elif case == "missing parent":
        target = tmp_path / "no" / "such" / "out"
    else:  # a read-only folder (faked: root may write into any folder)
        target.mkdir()
        monkeypatch.setattr("generator.outdir.writable", lambda folder: False)
    code, stdout, err = run("generate", str(spec(tmp_path)), "--out", str(target), "--no-pdf")
    assert code == 2, stdout + err
    assert len(err.strip().splitlines()) <= 2 and "Traceback" not in err
    assert f"--out {target}" in err
    code, stdout, err = run("practice", "--count", "1", "--out", str(target), "--no-pdf")
    assert code == 2 and f"--out {target}" in err


def test_regenerating_over_another_exams_keys_needs_force(tmp_path: Path) -> None:
    out = tmp_path / "exam"
    assert run("generate", str(spec(tmp_path)), "--out", str(out), "--no-pdf")[0] == 0
    before = (out / "keys.json").read_bytes()
    # The same exam again is fine (and identical).
    assert run("generate", str(spec(tmp_path)), "--out", str(out), "--no-pdf")[0] == 0
    assert (out / "keys.json").read_bytes() == before
    code, stdout, err = run(
        "generate", str(spec(tmp_path)), "--seed", "6", "--out", str(out), "--no-pdf"
    )
    assert code == 2, stdout + err
    assert "holds the keys of another exam (spec spec.yaml, seed 5)" in err and "--force" in err
    assert (out / "keys.json").read_bytes() == before
    code, stdout, err = run(
        "generate", str(spec(tmp_path)), "--seed", "6", "--out", str(out), "--no-pdf", "--force"
    )
    assert code == 0, stdout + err
    assert keys(out)["exam"]["seed"] == 6
    # The same exam for a reordered roster would give printed copies someone else's key.
    roster = tmp_path / "roster.csv"
    roster.write_text("student_id,name\na1,Ann\nb2,Bo\nc3,Cy\nd4,Di\n", encoding="utf-8")
    args = ["generate", str(spec(tmp_path)), "--seed", "6", "--out", str(out), "--no-pdf"]
    assert run(*args, "--roster", str(roster), "--force")[0] == 0
    roster.write_text("student_id,name\nb2,Bo\na1,Ann\nc3,Cy\nd4,Di\n", encoding="utf-8")
    code, stdout, err = run(*args, "--roster", str(roster))
    assert code == 2 and "--force" in err


def test_keys_of_the_same_exam_from_an_older_dlexam_are_replaced(tmp_path: Path) -> None:
    out = tmp_path / "exam"
    assert run("generate", str(spec(tmp_path)), "--out", str(out), "--no-pdf")[0] == 0
    current = (out / "keys.json").read_text(encoding="utf-8")
    older = json.loads(current)  # as an earlier dlexam wrote it: other version, fewer fields
    older["generator"] = "dlexam 0.0.1"
    for variant in older["variants"]:
        for question in variant["questions"]:
            del question["title"]
            for part in question["parts"]:
                part["prompt"] += " (older wording)"
                part.pop("check", None)
    (out / "keys.json").write_text(json.dumps(older), encoding="utf-8")
    code, stdout, err = run("generate", str(spec(tmp_path)), "--out", str(out), "--no-pdf")
    assert code == 0, stdout + err
    assert (out / "keys.json").read_text(encoding="utf-8") == current
    # The same spec and seed drawing other numbers (a family changed) is refused, and said so.
    older["variants"][0]["questions"][0]["params"] = {"changed": "1"}
    (out / "keys.json").write_text(json.dumps(older), encoding="utf-8")
    code, stdout, err = run("generate", str(spec(tmp_path)), "--out", str(out), "--no-pdf")
    assert code == 2, stdout + err
    assert "keys written by dlexam 0.0.1 for the same spec and seed" in err
    assert "another exam" not in err and "--force" in err


def test_many_warnings_are_one_line_and_quiet_silences_them(tmp_path: Path) -> None:
    from generator.spec import SPEC_DIR

    out = tmp_path / "tum"
    tum = str(SPEC_DIR / "tum_endterm.yaml")
    code, stdout, err = run("generate", tum, "--out", str(out), "--no-pdf", "--variants", "2")
    assert code == 0, stdout + err
    warnings = keys(out)["warnings"]
    assert len(warnings) > 3
    assert err.splitlines() == [
        f"warning: {len(warnings)} warnings, the first: {warnings[0]}; all are in "
        f'{out / "keys.json"} ("warnings"); --quiet hides this line'
    ]
    code, stdout, err = run(
        "generate", tum, "--out", str(out), "--no-pdf", "--variants", "2", "--quiet"
    )
    assert code == 0 and err == ""
    # A few warnings are still shown one per line.
    one = tmp_path / "one.yaml"
    one.write_text(
        "title: One\nvariants: 2\nquestions:\n  - family: conv_shape\n    source: true\n",
        encoding="utf-8",
    )
    code, stdout, err = run("generate", str(one), "--out", str(tmp_path / "o"), "--no-pdf")
    assert err.splitlines() == [
        "warning: question 1 (conv_shape) uses the source exam's numbers, so it is the same in "
        "every variant"
    ]


def test_docs_cite_the_source_exams_by_name_not_by_a_folder_a_clone_lacks() -> None:
    root = Path(__file__).resolve().parent.parent
    documents = [
        root / "README.md",
        root / "CONTRIBUTING.md",
        *(root / "generator" / "specs").glob("*.yaml"),
    ]
    for path in documents:
        text = path.read_text(encoding="utf-8")
        assert "shared/seeds" not in text, path
        assert not re.search(r"\b\d{3}_[0-9a-f]{16}\.txt\b", text), path
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert "| exam | question | family (spec) or none: reason |" in readme
    assert "| TUM I2DL WS21 endterm | 1 a-h multiple choice" in readme


@pytest.mark.parametrize("text", ["not json", '{"variants": [{"no id": 1}]}', "[1, 2]"])
def test_an_unreadable_keys_file_in_the_folder_also_needs_force(tmp_path: Path, text: str) -> None:
    out = tmp_path / "exam"
    out.mkdir()
    (out / "keys.json").write_text(text, encoding="utf-8")
    code, stdout, err = run("generate", str(spec(tmp_path)), "--out", str(out), "--no-pdf")
    assert code == 2 and "a keys file dlexam cannot read" in err, stdout + err
    assert run("generate", str(spec(tmp_path)), "--out", str(out), "--no-pdf", "--force")[0] == 0
