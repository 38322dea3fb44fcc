"""Scoring a whole answer sheet: every part of every submission, totals, percentages, grades.

Grades follow thresholds on the percentage; the default is the ECTS letter scale as most
European universities apply it in absolute form: A from 90 %, B 80 %, C 70 %, D 60 %, E 50 %,
F below.
"""

from __future__ import annotations

import gc
import operator
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace

from generator.errors import DlexamError
from grader.answers import Submission
from grader.exam import ExamKeys
from grader.part import Context, PartResult, QuestionInfo, grade_part

_POINTS = operator.attrgetter("points")
ECTS = (("A", 90.0), ("B", 80.0), ("C", 70.0), ("D", 60.0), ("E", 50.0))
FAIL = "F"


@dataclass
class StudentResult:
    submission: Submission
    parts: dict[str, PartResult]
    total: float
    max_points: float

    @property
    def percent(self) -> float:
        return 100.0 * self.total / self.max_points if self.max_points else 0.0


def parse_grades(text: str) -> tuple[tuple[tuple[str, float], ...], str]:
    """``A=90,B=80,C=70,D=60,E=50,F`` -> thresholds (highest first) and the failing grade."""
    thresholds: list[tuple[str, float]] = []
    fail = FAIL
    for item in (i.strip() for i in text.split(",") if i.strip()):
        name, sep, bound = item.partition("=")
        if not sep:
            fail = name.strip()
            continue
        try:
            thresholds.append((name.strip(), float(bound)))
        except ValueError:
            raise DlexamError(f"--grades: {item!r} is not NAME=PERCENT") from None
    bounds = [b for _, b in thresholds]
    if not thresholds or bounds != sorted(bounds, reverse=True) or len(set(bounds)) != len(bounds):
        raise DlexamError(
            "--grades needs NAME=PERCENT pairs from the highest down, "
            "e.g. A=90,B=80,C=70,D=60,E=50,F"
        )
    return tuple(thresholds), fail


def letter(
    percent: float, thresholds: tuple[tuple[str, float], ...] = ECTS, fail: str = FAIL
) -> str:
    for name, bound in thresholds:
        if percent >= bound - 1e-9:
            return name
    return fail


@contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """Grading a class allocates millions of small objects (results, rows, strings) that the
    cycle collector would scan over and over: about a third of the CPU time of a 10 000-student
    run. They are freed by reference counting; the rare cycles are collected afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def grade_submission(exam: ExamKeys, submission: Submission) -> StudentResult:
    return grade_sheet(exam, [submission])[0]


def merge_manual(
    results: list[StudentResult], manual: Mapping[tuple[str, str], float], source: str
) -> list[str]:
    """Put the instructor's points into the parts they were entered for.

    Entered points are the final word on a part: a manual part gets them, and an automatically
    checked part (a handwritten expression read from a scanned sheet) is overridden, its status
    `manual` and its feedback naming what the automatic check had given. Returns warnings for
    entries without a graded row.
    """
    by_student = {r.submission.student_id: r for r in results}
    warnings = []
    for (student, label), points in manual.items():
        result = by_student.get(student)
        if result is None or label not in result.parts:
            warnings.append(f"{source}: no graded row for student {student!r} (part {label})")
            continue
        part = result.parts[label]
        if not 0 <= points <= part.max_points:
            raise DlexamError(
                f"{points:g} points for part {label} of student {student!r}, "
                f"outside 0..{part.max_points:g}",
                where=source,
            )
        reason = "points entered by the instructor"
        if part.status != "manual":
            reason += (
                f" (they replace the automatic result: {part.status}, {part.points:g} of "
                f"{part.max_points:g} pt)"
            )
        result.parts[label] = replace(part, status="manual", points=points, reason=reason)
        result.total = round(sum(r.points for r in result.parts.values()), 6)
    return warnings


def grade_sheet(exam: ExamKeys, submissions: Sequence[Submission]) -> list[StudentResult]:
    """Every submission's results, in input order.

    Grading runs column by column within each variant: a class repeats answers, so each
    distinct answer text is graded once per part and its result shared; only a result short of
    full points on a part that depends on earlier parts is graded again with that student's own
    earlier answers (follow-through).
    """
    graded: list[dict[str, PartResult]] = [{} for _ in submissions]
    groups: dict[str, list[int]] = {}
    for index, submission in enumerate(submissions):
        groups.setdefault(submission.variant, []).append(index)
    maximum: dict[str, float] = {}
    for variant, members in groups.items():
        texts = [submissions[i].answers for i in members]
        parts = [graded[i] for i in members]
        for question in exam.questions(variant):
            grade_question(question, texts, parts)
        keys = [key for question in exam.questions(variant) for key in question.parts.values()]
        maximum[variant] = sum(key.points for key in keys)
    return [
        StudentResult(
            submission,
            parts_of_one,
            round(sum(map(_POINTS, parts_of_one.values())), 6),
            maximum[submission.variant],
        )
        for submission, parts_of_one in zip(submissions, graded, strict=True)
    ]


def grade_question(
    question: QuestionInfo,
    answers: Sequence[Mapping[str, str | None]],
    graded: Sequence[dict[str, PartResult]],
) -> None:
    """One question for a group of students of one variant, part by part, in order: each
    student's results go into their dict in ``graded`` (later parts see the earlier ones)."""
    against_key = Context(question)  # no earlier answers: the verdict against the key alone
    for label, key in question.parts.items():
        seen: dict[str, PartResult] = {}
        follows = key.follows_earlier
        for texts, parts in zip(answers, graded, strict=True):
            text = texts.get(label) or ""
            result = seen.get(text)
            if result is None:
                result = seen[text] = grade_part(key, text, against_key)
            if follows and key.may_follow_through(result):
                result = grade_part(key, text, Context(question, parts))
            parts[label] = result
