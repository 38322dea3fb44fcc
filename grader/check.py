"""Self-check for students: the feedback of ``dlexam check`` on one part, and the running score.

Grading is the grader's own (:func:`grader.part.grade_part` through :class:`QuestionInfo`), so a
student's practice check and the instructor's ``dlexam grade`` can never disagree about an answer.
What this module adds is what a student needs next to a grade: the expected answer, the worked
steps of that part (cut from the same rendered solution LaTeX the solutions PDF is made of) and
its rubric.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.errors import DlexamError
from generator.instance import Instance
from grader.exam import ExamKeys
from grader.latex_text import latex_to_text
from grader.part import KeyPart, PartResult, QuestionInfo

HEADLINES = {
    "alternative": "partly right",
    "follow-through": "right from your earlier answers",
    "partial": "partly right",
    "wrong": "wrong",
    "invalid": "not readable",
    "blank": "no answer",
    "manual": "graded by hand: compare with the worked solution",
}


def choose_variant(exam: ExamKeys, given: str | None) -> str:
    """The variant to check: the only one, or the one named (``V002``, ``2``, or with a roster in
    the keys a student id: the variant that student wrote)."""
    if given is None:
        if len(exam.variants) == 1:
            return next(iter(exam.variants))
        known = ", ".join(list(exam.variants)[:5]) + (", ..." if len(exam.variants) > 5 else "")
        raise DlexamError(
            f"the keys hold {len(exam.variants)} variants ({known})",
            hint="say which one you have with --variant, e.g. --variant V002",
        )
    student = given.strip()
    if student in exam.roster and student not in exam.variants:
        return exam.roster[student]
    found, reason = exam.resolve_variant("", given)
    if found is None:
        raise DlexamError(f"--variant: {reason}")
    return found


def steps_hint(keys_path: Path, exam: ExamKeys, variants: list[str], command: str) -> str:
    """Where the worked steps of every part are: ``--steps``, and the PDF."""
    folder = keys_path.parent
    if exam.exam.get("kind") == "practice":
        slug = str(exam.exam.get("slug", ""))
        candidates = [folder / f"{slug}-solutions.pdf", folder / f"{slug}.pdf"]
        found = [path for path in candidates if path.is_file()][:1]
    else:
        candidates = [folder / "solutions" / f"{v}.pdf" for v in dict.fromkeys(variants)]
        found = [path for path in candidates if path.is_file()]
    place = f", and in {', '.join(str(path) for path in found)}" if found else ""
    return f"worked steps of every part: {command} --steps{place}"


def question_heading(question: QuestionInfo) -> str:
    info = question.question
    return f"Question {info['number']}: {info['title']} [{float(info['points']):g} pt]"


def part_heading(key: KeyPart) -> str:
    return f"({key.label}) {key.prompt} [{key.points:g} pt]"


def option_lines(key: KeyPart) -> list[str]:
    """``  A) text`` for every option of a choice part, from the keys alone."""
    return [
        f"  {option['label']}) {latex_to_text(str(option['text']))}"
        for option in key.raw.get("options", ())
    ]


def _part_text(latex: str, environment: str, label: str) -> str:
    """A part's block of rendered LaTeX as text, with the text leading up to it.

    A question may state shared data before its first part, and a solution may explain shared
    steps there (or between parts); that text belongs to the part that follows it.
    """
    close = f"\\end{{{environment}}}"
    begin = re.search(rf"\\begin\{{{environment}\}}\{{{re.escape(label)}\}}", latex)
    if begin is None:
        return ""
    end = latex.find(close, begin.end())
    previous = latex.rfind(close, 0, begin.start())
    lead = latex[previous + len(close) if previous >= 0 else 0 : begin.start()]
    body = latex[begin.start() : end if end >= 0 else len(latex)]
    return latex_to_text(lead + "\n" + body)


class Rendered:
    """Each question's text and worked solution, rendered once on first need.

    Rendering goes through :meth:`Instance.render`, the function the PDFs are made with, from
    the family and parameters named in the keys.
    """

    def __init__(self, all_steps: bool = False) -> None:
        self._latex: dict[tuple[int, str], str] = {}
        self.all_steps = all_steps  # show the steps of right answers too

    def _render(self, question: QuestionInfo, mode: str) -> str:
        position = int(question.question["position"])
        if (position, mode) not in self._latex:
            family = question.family
            if family is None:
                raise DlexamError(question.unavailable)
            points = {key.part_id: key.points for key in question.parts.values()}
            number = int(question.question.get("number", position))
            instance = Instance(family, question.params, position, points, number=number)
            template = "solution.tex.j2" if mode == "solutions" else "question.tex.j2"
            self._latex[position, mode] = instance.render(template, mode)
        return self._latex[position, mode]

    def steps(self, question: QuestionInfo, label: str) -> str:
        """The worked steps of one part as text."""
        try:
            return _part_text(self._render(question, "solutions"), "dlsolpart", label)
        except Exception as error:  # a family changed or removed since the keys were made
            return f"(the worked steps are not available: {error})"

    def question(self, question: QuestionInfo, label: str) -> list[str]:
        """The part as the sheet states it (for choice parts: the stem and the options)."""
        try:
            text = _part_text(self._render(question, "question"), "dlpart", label)
        except Exception:  # fall back to the options stored in the keys
            text = ""
        if not text:
            return option_lines(question.parts[label])
        return [f"  {line}" if line else "" for line in text.splitlines()]


def _steps_lines(steps: str) -> list[str]:
    if not steps:
        return []
    return ["  worked steps:", *(f"    {line}" if line else "" for line in steps.splitlines())]


def feedback(result: PartResult, key: KeyPart, steps: str) -> list[str]:
    """What a student sees after answering one part (``steps``: the worked steps as text)."""
    if result.status in ("correct", "within-tolerance"):
        line = f"  right: {result.answer}"
        if result.status == "within-tolerance":
            line += f" ({result.reason}; exact: {result.expected})"
        return [line, *_steps_lines(steps)]
    headline = HEADLINES.get(result.status, result.status)
    if result.status not in ("manual", "blank"):
        headline += f", {result.points:g} of {result.max_points:g} pt"
    if result.reason and result.status not in ("manual", "blank"):
        headline += f": {result.reason}"
    lines = [f"  {headline}"]
    if result.answer:
        lines.append(f"  your answer: {result.answer}")
    if result.expected:
        lines.append(f"  expected:    {result.expected}")
    lines += _steps_lines(steps)
    rubric = str(key.raw.get("rubric") or "")
    if rubric:
        lines.append(f"  rubric: {latex_to_text(rubric)}")
    return lines


@dataclass
class Score:
    """Points earned on automatically checked parts; hand-graded parts are counted apart."""

    earned: float = 0.0
    possible: float = 0.0
    by_hand: float = 0.0

    def add(self, result: PartResult) -> None:
        if result.status == "manual":
            self.by_hand += result.max_points
            return
        self.earned += result.points
        self.possible += result.max_points

    def line(self) -> str:
        percent = 100 * self.earned / self.possible if self.possible else 0.0
        text = f"score: {self.earned:g} / {self.possible:g} pt ({percent:.0f} %)"
        if self.by_hand:
            text += f"; {self.by_hand:g} pt of parts graded by hand are not included"
        return text
