"""LaTeX documents: the student's exam, the answer sheet and the worked solutions of variants.

Several variants go into one document (one "section" per variant and mode), because one LaTeX run
over many variants is far cheaper than one run per variant; the PDF builder splits the result.
The document marks every section and question with a ``%% dlexam:`` comment line, so a LaTeX
error's line number can be traced back to the variant and question that caused it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from generator.outputs.latex import question_latex
from generator.outputs.model import question_model
from generator.rendering import answer_box, option_count, points_text, render_document
from generator.spec import ExamSpec
from generator.text_engine import FONTS
from generator.variants import Variant

MODES = ("exam", "answer-sheet", "solutions")
HEADERS = {"exam": "", "answer-sheet": "Answer sheet --- ", "solutions": "Solutions --- "}
ANSWER_SHEET_BOX_WIDTH = "0.32\\linewidth"
ANSWER_SHEET_COLUMNS = 3
PICTURE = re.compile(r"\\begin\{tikzpicture\}.*?\\end\{tikzpicture\}", re.DOTALL)
MARKER = re.compile(r"^%% dlexam: (?P<variant>\S+) (?P<mode>\S+)(?: question (?P<question>\d+))?")


@dataclass(frozen=True)
class Place:
    """Where a line of a generated document comes from."""

    variant: str | None
    mode: str | None = None
    question: int | None = None

    def __str__(self) -> str:
        if self.variant is None:
            return "the preamble (exam title, course or date)"
        text = f"variant {self.variant} ({self.mode})"
        return f"{text}, question {self.question}" if self.question else text


def question_body(instance: Any, mode: str) -> str:
    """The question text, followed in solutions mode by the worked solution."""
    return question_latex(question_model(instance), mode)


def _sheet_boxes(variant: Variant) -> list[str]:
    """The answer-sheet boxes of a variant: every auto-graded part, labelled as in the CSV."""
    return [
        answer_box(
            instance.label(part),
            part.kind,
            option_count(instance.family, part.id, instance.values),
            ANSWER_SHEET_BOX_WIDTH,
            compact=True,
        )
        for _, instance in variant.ordered()
        for part in instance.parts
        if part.auto_graded
    ]


def name_page(variant: Variant) -> int:
    """The page of ``fragments.pdf`` (:mod:`generator.fragments`) holding the student's name."""
    return variant.index + 1


def name_tex(variant: Variant) -> str:
    """The student's name as the picture LuaLaTeX typeset it in any script (``\\dlname``, from
    ``names.tex.j2``), or nothing when the variant has no named student."""
    if variant.student is None or not variant.student.get("name"):
        return ""
    return f"\\dlname{{{name_page(variant)}}}"


def _student(variant: Variant) -> dict[str, str] | None:
    """The student's id, and their name as a picture (:func:`name_tex`)."""
    if variant.student is None:
        return None
    return {"id": variant.student["id"], "name": name_tex(variant)}


def _section(variant: Variant, mode: str, practice: bool = False) -> dict[str, Any]:
    sheet = mode == "answer-sheet"
    questions = [
        {
            "number": number,
            "points": points_text(instance.total_points),
            "body": "" if sheet else question_body(instance, mode),
        }
        for number, instance in variant.ordered()
    ]
    return {
        "variant": variant.id,
        "student": _student(variant),
        "mode": mode,
        # a practice sheet's running head has no variant code to follow the mode's name
        "header": HEADERS[mode].removesuffix(" --- ") if practice else HEADERS[mode],
        "qr": mode != "solutions",
        "total": points_text(sum(instance.total_points for instance in variant.questions)),
        "questions": questions,
        "boxes": _sheet_boxes(variant) if sheet else [],
    }


def _box_name(index: int) -> str:
    """``\\dlfigA``, ``\\dlfigB``, ... ``\\dlfigBA``: TeX control words cannot hold digits."""
    letters = ""
    while True:
        index, digit = divmod(index, 26)
        letters = chr(ord("A") + digit) + letters
        if not index:
            return f"\\dlfig{letters}"


def share_pictures(tex: str) -> str:
    """Typeset every TikZ picture that occurs more than once only once, and reuse the box.

    The exam and the solutions of a variant draw the same figures; TikZ is the slowest part of
    the LaTeX run, and reusing a box (global, so it survives the group it was made in) cuts a
    quarter to a third of the time. Nested pictures are left alone.
    """
    counts = Counter(m[0] for m in PICTURE.finditer(tex))
    repeated = {t for t, n in counts.items() if n > 1 and t.count("\\begin{tikzpicture}") == 1}
    names: dict[str, str] = {}

    def replace(match: re.Match[str]) -> str:
        text = match[0]
        if text not in repeated:
            return text
        if text in names:
            return f"\\usebox{{{names[text]}}}"
        name = names[text] = _box_name(len(names))
        return f"\\newsavebox{{{name}}}\\global\\setbox{name}=\\hbox{{{text}}}\\usebox{{{name}}}"

    return PICTURE.sub(replace, tex)


def exam_document(spec: ExamSpec, variants: list[Variant], modes: tuple[str, ...] = MODES) -> str:
    """The ``.tex`` of ``variants``, each in every mode of ``modes``, in that order."""
    return share_pictures(
        render_document(
            "document.tex.j2",
            {
                "exam": {
                    "title": spec.title,
                    "course": spec.course,
                    "date": spec.date,
                    "instructions": spec.instructions,
                    "practice": spec.kind == "practice",
                    "names": any(variant.student for variant in variants),
                    "continuous_pages": spec.continuous_pages,
                    "engine": spec.engine,
                    "fonts": FONTS,
                },
                "sections": [
                    _section(variant, mode, spec.kind == "practice")
                    for variant in variants
                    for mode in modes
                ],
                "sheet_columns": ANSWER_SHEET_COLUMNS,
                "sheet_box_width": ANSWER_SHEET_BOX_WIDTH,
            },
        )
    )


def locate(tex: str, line: int) -> Place:
    """The variant, mode and question that line ``line`` (1-based) of ``tex`` belongs to."""
    place = Place(None)
    for number, text in enumerate(tex.splitlines(), start=1):
        if number > line:
            break
        match = MARKER.match(text)
        if match:
            question = match["question"]
            place = Place(match["variant"], match["mode"], int(question) if question else None)
    return place
