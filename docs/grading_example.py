"""The answers CSV of the README's grading example, built from the default exam's keys, so the
example can be rerun: student 20260001 writes decimal commas, 20260002 leaves 1c blank and
types letter O for zero in 2b, 20260003 gets 1b wrong but computes 1c from it, and the last row
names a variant that does not exist.

    dlexam generate && python docs/grading_example.py output/vir-2019-exam-test answers.csv
    dlexam grade output/vir-2019-exam-test/keys.json answers.csv --out graded

The keys are dlexam's own output (trusted text), so sympy may read them here; student answers
never go through sympy in dlexam itself.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Any

import sympy

STUDENTS = (("20260001", "V001"), ("20260002", "V002"), ("20260003", "V003"), ("20260004", "V004"))


def with_decimal_commas(exact: str, kind: str) -> str:
    """A key as a student with a German keyboard writes it: 3 significant figures, ``,``."""

    def one(text: str) -> str:
        value = sympy.sympify(text)
        return str(value) if value.is_Integer else f"{float(value):.3g}".replace(".", ",")

    if kind == "vector":
        return "[" + "; ".join(one(t) for t in exact.strip("[]").split(",")) + "]"
    return one(exact) if kind in ("number", "integer") else exact


def answer(student: str, column: str, part: dict[str, Any]) -> str:
    text = str(part["exact"])
    if student == "20260001":
        return with_decimal_commas(text, part["kind"])
    if (student, column) == ("20260002", "1c"):
        return ""
    if (student, column) == ("20260002", "2b"):
        return text.replace("0", "O")
    if student == "20260003" and column in ("1b", "1c"):
        return "1"
    if (student, column) == ("20260003", "1d"):
        return "[0, 0]"
    return text


def main(exam: Path, out: Path) -> None:
    keys = json.loads((exam / "keys.json").read_text(encoding="utf-8"))
    with (exam / "answers-template.csv").open(encoding="utf-8", newline="") as template:
        header = next(csv.reader(template))
    rows = []
    for student, variant_id in STUDENTS:
        variant = next(v for v in keys["variants"] if v["id"] == variant_id)
        parts = {p["id"]: p for q in variant["questions"] for p in q["parts"]}
        rows.append([student, variant_id, *(answer(student, c, parts[c]) for c in header[2:])])
    rows.append(["20260099", "V007", *(["1"] * (len(header) - 2))])
    with out.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, delimiter=";")
        writer.writerow(header)
        writer.writerows(rows)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
