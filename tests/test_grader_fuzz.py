"""Fuzzing the two places untrusted bytes enter the grader: the CSV reader and the answer parser.

No exception but a :class:`DlexamError` (a one-line message for the instructor) may leave the
reader, and none at all may leave :func:`grade_part`. Time per cell is bounded by the parser's
work limits (length, nesting, power size); the tests measure *work* (Python and C function
calls, counted with ``sys.setprofile``) instead of wall-clock time, which would flake on a busy
machine.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import DlexamError
from generator.mathtext import MAX_LENGTH
from grader.answers import read_answers, read_table
from grader.exam import ExamKeys
from grader.part import STATUSES, Context, KeyPart, grade_part

# Calls one answer may cost: a 2000-character answer at the parser's limits stays far below it,
# while parsing anything unbounded (a 10 MB cell, 9**9**9**9 built exactly) would exceed it.
WORK_LIMIT = 1_000_000
MATH_CHARACTERS = [
    *"0123456789.,;:+-*/^()[]{}|<>=!xwbeEπσθαℝ√·×−²①٣ \t\r\n'\"",
    "sqrt",
    "pi",
    "oo",
    "inf",
    "e^",
    "**",
    "9**9**9",
    "1e999",
    "\\frac{",
    "$",
]
CSV_CHARACTERS = [*"ab12;,\t\"'\r\n =+-@²\x00\ufeffé", "student_id", "variant", "1a", "V001"]


def work(action: Callable[[], object]) -> int:
    """Function calls (Python and C) made by ``action``: a machine-independent measure of time."""
    calls = 0

    def count(frame: object, event: str, arg: object) -> None:
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    sys.setprofile(count)
    try:
        action()
    finally:
        sys.setprofile(None)
    return calls


def part(kind: str, exact: str, **extra: Any) -> KeyPart:
    return KeyPart({"id": "1a", "kind": kind, "points": 2, "exact": exact, **extra})


OPTIONS = [{"label": label, "text": label} for label in "ABCD"]
PARTS = [
    part("number", "2/3"),
    part("number", "sqrt(2)/3", tolerance={"mode": "rel", "rel": 0.01, "abs": 1e-6}),
    part("integer", "6375", tolerance={"mode": "exact"}),
    part("vector", "[1, -2, 3/2]"),
    part("matrix", "[[1, 0], [0, 1]]"),
    part("shape", "8x8x5"),
    part("interval", "(0, 1/3]"),
    part("set", "{-1, 2}"),
    part("expression", "2*w + b", symbols=["w", "b"]),
    part("choice", "B", options=OPTIONS),
    part("multi", "A,C", options=OPTIONS, scoring="partial"),
]
answer_texts = st.one_of(
    st.text(max_size=60),
    st.lists(st.sampled_from(MATH_CHARACTERS), max_size=40).map("".join),
)


@pytest.mark.parametrize("key", PARTS, ids=lambda key: key.kind)
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=answer_texts)
def test_any_answer_text_gets_a_status_within_the_work_limit(key: KeyPart, text: str) -> None:
    results = []
    calls = work(lambda: results.append(grade_part(key, text, Context())))
    assert results[0].status in STATUSES and 0 <= results[0].points <= key.points
    assert calls < WORK_LIMIT, (text, calls)


@pytest.mark.parametrize(
    "text",
    [
        "x" * 10_000_000,
        "1" * MAX_LENGTH,
        "(" * 1000 + "1" + ")" * 1000,
        "9**9**9**9",
        "1e999999",
        "+".join(["sqrt(2)"] * 250)[:MAX_LENGTH],  # the costliest answers seen: ~200 000 calls
        "[" + ", ".join(["sqrt(3)/7"] * 180) + "]",
    ],
)
@pytest.mark.parametrize("key", PARTS, ids=lambda key: key.kind)
def test_answers_at_and_past_the_limits_cost_bounded_work(key: KeyPart, text: str) -> None:
    results = []
    calls = work(lambda: results.append(grade_part(key, text, Context())))
    assert results[0].status in STATUSES
    assert calls < WORK_LIMIT, calls


def test_an_oversized_answer_is_refused_before_it_is_parsed() -> None:
    key = PARTS[0]
    calls = work(lambda: grade_part(key, "7" * 10_000_000, Context()))
    assert calls < 2_000  # refused by its length, not by reading ten million digits


@pytest.fixture(scope="module")
def exam() -> ExamKeys:
    parts = [{**p.raw, "id": f"1{'abc'[index]}"} for index, p in enumerate(PARTS[:3])]
    questions = [{"position": 1, "parts": parts}]
    variants = [{"id": "V001", "index": 0, "student": None, "questions": questions}]
    return ExamKeys({"exam": {"title": "fuzz"}, "variants": variants})


csv_files = st.one_of(
    st.binary(max_size=300),
    st.lists(st.sampled_from(CSV_CHARACTERS), max_size=80).map(
        lambda parts: "".join(parts).encode("utf-8")
    ),
    st.lists(st.sampled_from(CSV_CHARACTERS), max_size=80).map(
        lambda parts: ("student_id;variant;1a;1b;1c\n" + "".join(parts)).encode("utf-8")
    ),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=csv_files)
def test_any_bytes_are_read_or_refused_with_a_one_line_error(exam: ExamKeys, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "answers.csv"
        path.write_bytes(data)
        try:
            table = read_table(path)
            sheet = read_answers(path, exam)
        except DlexamError as error:
            assert "\n" not in str(error) and "\r" not in str(error), str(error)
            return
        filled = [row for _, row in table.rows if any(cell.strip() for cell in row)]
        assert all(len(row) >= len(table.header) for row in filled)
        if sheet.layout == "wide":
            assert sheet.records == len(sheet.submissions) + len(sheet.errors)
        keys = {key.label: key for key in exam.questions("V001")[0].parts.values()}
        for submission in sheet.submissions:
            for label, text in submission.answers.items():
                assert grade_part(keys[label], text, Context()).status in STATUSES
