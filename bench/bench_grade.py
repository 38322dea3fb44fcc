"""Benchmark ``dlexam grade``: 10 000 students x 40 parts, the whole pipeline.

Builds a schema-valid keys.json (40 variants of 40 parts, so each variant's keys meet only 250
students and caching answers cannot flatter the figure: reals with sigfig tolerance, some with
closed-form keys like sqrt(2)/3, integers and vectors) and an answers CSV with a realistic mix
(rounded decimals, decimal commas, exact fractions, wrong, blank, unreadable), then times reading,
grading, the report and writing every file (10 000 feedback files). Target: under 2 s.

Wall-clock time and the process's CPU time are both printed, and the CPU time of the child
process that draws the report's charts beside the grading (``grader/charts.py``): on a shared
machine the wall clock also counts other processes, and writing ten thousand files depends on
the file system (``--keep /dev/shm/...`` measures on tmpfs).

    python bench/bench_grade.py [--students 10000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import os
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import numpy as np

from generator import keys as keys_module
from grader.answers import read_answers
from grader.charts import ChartDrawer
from grader.exam import ExamKeys
from grader.output import build_outputs, write_outputs
from grader.scoring import cycle_collection_paused, grade_sheet

VARIANTS = 40
QUESTIONS = 10  # 4 parts each: 40 parts
KINDS = ("number", "number", "integer", "vector")
SIGFIG = {"mode": "sigfig", "digits": 3, "abs": 1e-9}


def _part(position: int, letter: str, kind: str, rng: np.random.Generator) -> dict[str, Any]:
    if kind == "number":
        p, q = int(rng.integers(-99, 100)), int(rng.integers(1, 13))
        exact = f"{p}/{q}" if rng.random() < 0.7 else f"sqrt({abs(p) + 2})/{q}"
        value = p / q if "sqrt" not in exact else (abs(p) + 2) ** 0.5 / q
        tolerance: dict[str, Any] = SIGFIG
    elif kind == "integer":
        value = int(rng.integers(-500, 5000))
        exact, tolerance = str(value), {"mode": "exact"}
    else:
        value = [int(v) for v in rng.integers(-9, 10, size=3)]
        exact, tolerance = "[" + ", ".join(map(str, value)) + "]", SIGFIG
    return {
        "id": f"{position}{letter}",
        "part": letter,
        "prompt": f"{kind} part",
        "kind": kind,
        "points": 1.0,
        "quantity": letter,
        "exact": exact,
        "latex": exact,
        "value": value,
        "unit": "",
        "tolerance": tolerance,
        "alternatives": [],
        "depends": [],
        "follow_through": 1.0,
        "symbols": [],
        "rubric": "",
    }


def build_keys(rng: np.random.Generator) -> dict[str, Any]:
    variants = []
    for index in range(VARIANTS):
        questions = []
        for position in range(1, QUESTIONS + 1):
            parts = [_part(position, "abcd"[i], kind, rng) for i, kind in enumerate(KINDS)]
            questions.append(
                {
                    "position": position,
                    "number": position,
                    "family": "bench_synthetic",
                    "title": "synthetic",
                    "rng": [index, position],
                    "params": {},
                    "points": 4.0,
                    "parts": parts,
                }
            )
        variants.append(
            {"id": f"V{index + 1:03d}", "index": index, "student": None, "questions": questions}
        )
    document = {
        "version": 1,
        "generator": "bench",
        "exam": {
            "title": "Benchmark",
            "course": "bench",
            "date": "2024-01-01",
            "slug": "bench",
            "seed": 0,
            "spec": None,
            "follow_through": 1.0,
            "max_points": 40.0,
        },
        "warnings": [],
        "variants": variants,
    }
    keys_module.validate(document)
    return document


def _answer(part: dict[str, Any], rng: np.random.Generator) -> str:
    roll = rng.random()
    value = part["value"]
    if roll < 0.05:
        return ""
    if roll < 0.08:
        return "see sheet"
    if part["kind"] == "vector":
        entries = value if roll < 0.8 else [v + 1 for v in value]
        return (
            " ".join(map(str, entries)) if roll < 0.5 else "[" + ", ".join(map(str, entries)) + "]"
        )
    if roll < 0.2:
        return part["exact"] if "sqrt" not in part["exact"] else f"{value:.4f}"
    if roll < 0.8:
        text = f"{value:.4g}" if part["kind"] == "number" else str(value)
        return text.replace(".", ",") if roll < 0.35 else text
    return f"{value * 1.1 + 1:.3g}"


def write_answers(document: dict[str, Any], students: int, path: Path, seed: int) -> None:
    rng = np.random.default_rng(seed)
    variants = document["variants"]
    labels = [p["id"] for q in variants[0]["questions"] for p in q["parts"]]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["student_id", "variant", *labels])
        for n in range(students):
            variant = variants[n % VARIANTS]
            parts = [p for q in variant["questions"] for p in q["parts"]]
            writer.writerow([f"s{n:05d}", variant["id"], *(_answer(p, rng) for p in parts)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=10000)
    parser.add_argument("--keep", type=Path, help="keep the inputs and outputs in this folder")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="dlexam-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    keys_path, answers_path = folder / "keys.json", folder / "answers.csv"
    document = build_keys(np.random.default_rng(1))
    keys_path.write_text(json.dumps(document), encoding="utf-8")
    write_answers(document, args.students, answers_path, seed=2)

    with cycle_collection_paused(), ExitStack() as stack:  # as dlexam grade runs
        marks = [(time.perf_counter(), time.process_time())]
        exam = ExamKeys.load(keys_path)
        sheet = read_answers(answers_path, exam)
        drawer = stack.enter_context(ChartDrawer(len(sheet.submissions)))
        marks.append((time.perf_counter(), time.process_time()))
        results = grade_sheet(exam, sheet.submissions)
        marks.append((time.perf_counter(), time.process_time()))
        files = build_outputs(exam, sheet, results, drawer=drawer)
        marks.append((time.perf_counter(), time.process_time()))
        write_outputs(folder / "graded", files)
        marks.append((time.perf_counter(), time.process_time()))
    (start, cpu_start), (end, cpu_end) = marks[0], marks[-1]
    cpu = cpu_end - cpu_start
    child = os.times()
    child_cpu = child.children_user + child.children_system  # the chart process, joined above

    answers = args.students * len(exam.labels)
    print(f"{args.students} students x {len(exam.labels)} parts = {answers} answers")
    phases = ("read", "grade", "report+feedback", "write")
    for clock, label in ((0, "wall"), (1, "CPU ")):
        steps = [after[clock] - before[clock] for before, after in itertools.pairwise(marks)]
        print(
            f"{label}: " + ", ".join(f"{p} {t:.2f} s" for p, t in zip(phases, steps, strict=True))
        )
    print(
        f"total {end - start:.2f} s (CPU {cpu:.2f} s, chart process {child_cpu:.2f} s): "
        f"{args.students / (end - start):.0f} rows/s, "
        f"{answers / (end - start):.0f} answers/s; "
        f"{len(exam.variants)} variants, output in {folder / 'graded'}"
    )


if __name__ == "__main__":
    main()
