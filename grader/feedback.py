"""One plain-text feedback file per student: every part, the answer as read, the key, why.

Student ids are untrusted: file names keep only letters, digits, ``.``, ``_`` and ``-``, and two
ids that clean up to the same name get numbered suffixes in input order (deterministic).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from generator.filenames import safe_names
from grader.exam import ExamKeys
from grader.scoring import StudentResult


@cache
def points_text(value: float) -> str:
    """``2`` not ``2.0``, ``0.5``, at most four decimals; never ``-0``."""
    text = f"{round(value, 4):g}"
    return "0" if text == "-0" else text


def file_names(student_ids: Iterable[str]) -> list[str]:
    return safe_names(student_ids, ".txt")


def student_line(exam: ExamKeys, student_id: str) -> str:
    """The student's id, and their name when the keys' roster has it."""
    name = exam.names.get(student_id)
    return f"{student_id} ({name})" if name else student_id


def feedback_text(exam: ExamKeys, result: StudentResult, grade: str) -> str:
    submission = result.submission
    about = ", ".join(str(exam.exam[k]) for k in ("course", "date") if exam.exam.get(k))
    lines = [
        f"{exam.title} ({about})" if about else exam.title,
        f"Student {student_line(exam, submission.student_id)}, variant {submission.variant}",
        f"Total: {points_text(result.total)} of {points_text(result.max_points)} points "
        f"({result.percent:.1f} %), grade {grade}",
        "",
    ]
    for question in exam.questions(submission.variant):
        for label, key in question.parts.items():
            part = result.parts[label]
            lines.append(
                f"{label}  {key.prompt}  [{part.status}, "
                f"{points_text(part.points)}/{points_text(part.max_points)} pt]"
            )
            if key.kind != "manual":
                lines.append(f"    your answer: {part.answer or '(none)'}")
                if part.expected:
                    lines.append(f"    expected:    {part.expected}")
            lines.append(f"    why:         {part.reason}")
    return "\n".join(lines) + "\n"
