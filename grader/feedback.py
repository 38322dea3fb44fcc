"""One plain-text feedback file per student: every part, the answer as read, the key, why.

Student ids are untrusted: file names come from :func:`generator.filenames.safe_names` (the id
itself when it is a portable name, else a cleaned form plus a short hash), and
``feedback/index.csv`` lists which file belongs to which student.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from generator.filenames import safe_names
from grader.exam import ExamKeys
from grader.part import KeyPart, PartResult
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


class FeedbackWriter:
    """Feedback files of one grading run.

    A class shares results (every student who wrote the same answer to a part holds the same
    :class:`PartResult`), so each result's block of lines is formatted once and reused.
    """

    def __init__(self, exam: ExamKeys):
        self.exam = exam
        about = ", ".join(str(exam.exam[k]) for k in ("course", "date") if exam.exam.get(k))
        self.title = f"{exam.title} ({about})" if about else exam.title
        self._parts: dict[str, list[tuple[str, KeyPart]]] = {}
        # id of a result -> its lines; the result itself is kept too, so no other object can
        # take its id while this writer lives
        self._blocks: dict[int, str] = {}
        self._kept: list[PartResult] = []

    def _block(self, key: KeyPart, part: PartResult) -> str:
        lines = [
            f"{key.label}  {key.prompt}  [{part.status}, "
            f"{points_text(part.points)}/{points_text(part.max_points)} pt]"
        ]
        if key.kind != "manual":
            lines.append(f"    your answer: {part.answer or '(none)'}")
            if part.expected:
                lines.append(f"    expected:    {part.expected}")
        lines.append(f"    why:         {part.reason}")
        block = "\n".join(lines) + "\n"
        self._blocks[id(part)] = block
        self._kept.append(part)
        return block

    def _variant_parts(self, variant: str) -> list[tuple[str, KeyPart]]:
        if variant not in self._parts:
            questions = self.exam.questions(variant)
            self._parts[variant] = [
                (label, key) for q in questions for label, key in q.parts.items()
            ]
        return self._parts[variant]

    def text(self, result: StudentResult, grade: str) -> str:
        submission = result.submission
        head = (
            f"{self.title}\n"
            f"Student {student_line(self.exam, submission.student_id)}, "
            f"variant {submission.variant}\n"
            f"Total: {points_text(result.total)} of {points_text(result.max_points)} points "
            f"({result.percent:.1f} %), grade {grade}\n\n"
        )
        blocks = self._blocks
        texts = [head]
        for label, key in self._variant_parts(submission.variant):
            part = result.parts[label]
            block = blocks.get(id(part))
            texts.append(self._block(key, part) if block is None else block)
        return "".join(texts)
