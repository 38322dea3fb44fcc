"""One plain-text feedback file per student: every part, the answer as read, the key, why.

Student ids are untrusted, and the folder may be copied to Windows or a USB stick: a file name is
the id itself only when that is a safe, portable name (letters, digits, ``.``, ``_``, ``-``; not a
Windows device name like ``CON`` or ``COM1``; no leading or trailing dot; at most ``NAME_LIMIT``
characters). Any other id gets its cleaned, shortened form plus a short hash of the whole id, so
names stay unique and the same id always gets the same name. ``feedback/index.csv`` lists which
file belongs to which student.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from functools import cache

from grader.exam import ExamKeys
from grader.part import KeyPart, PartResult
from grader.scoring import StudentResult

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
NAME_LIMIT = 64  # characters of a student id kept in its file name (file systems allow 255 bytes)
HASH_LENGTH = 8
WINDOWS_DEVICES = frozenset(
    ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"]
    + [f"{port}{n}" for port in ("COM", "LPT") for n in "0123456789"]
)


@cache
def points_text(value: float) -> str:
    """``2`` not ``2.0``, ``0.5``, at most four decimals; never ``-0``."""
    text = f"{round(value, 4):g}"
    return "0" if text == "-0" else text


def _short_hash(student: str) -> str:
    return hashlib.sha256(student.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def _portable(name: str) -> bool:
    device = name.split(".")[0].upper()
    hidden_or_trailing = name.startswith(".") or name.endswith(".")
    return bool(name) and device not in WINDOWS_DEVICES and not hidden_or_trailing


def file_names(student_ids: Iterable[str]) -> list[str]:
    """One ``.txt`` name per id, unique without regard to case (Windows and macOS ignore it)."""
    names: list[str] = []
    used: set[str] = set()
    for student in student_ids:
        name = student
        if _UNSAFE.search(student) or len(student) > NAME_LIMIT or not _portable(student):
            # no dots left: ``nul.txt-1a2b`` would still be the device NUL to Windows
            cleaned = _UNSAFE.sub("_", student.replace(".", "_")).strip("_")
            cleaned = cleaned[: NAME_LIMIT - HASH_LENGTH - 1]
            name = f"{cleaned}-{_short_hash(student)}" if cleaned else _short_hash(student)
        if name.lower() in used:
            name = f"{name}-{_short_hash(student)}"
        base, n = name, 1
        while name.lower() in used:  # only ids built to collide with another id's hashed name
            n += 1
            name = f"{base}-{n}"
        used.add(name.lower())
        names.append(f"{name}.txt")
    return names


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
            f"Student {submission.student_id}, variant {submission.variant}\n"
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
