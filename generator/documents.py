"""LaTeX documents of one variant: the student's exam and the worked solutions."""

from __future__ import annotations

from typing import Any

from generator.rendering import points_text, render_document
from generator.spec import ExamSpec
from generator.variants import Variant

MODES = ("exam", "solutions")


def _exam_context(spec: ExamSpec) -> dict[str, Any]:
    return {
        "title": spec.title,
        "course": spec.course,
        "date": spec.date,
        "instructions": spec.instructions,
    }


def question_body(instance: Any, mode: str) -> str:
    """The question text, followed in solutions mode by the worked solution."""
    body = instance.render("question.tex.j2", "exam" if mode == "exam" else "question")
    if mode == "solutions":
        body += "\n\\medskip\\noindent\\textbf{Solution.}\n\n"
        body += instance.render("solution.tex.j2", "solutions")
    return str(body)


def variant_document(spec: ExamSpec, variant: Variant, mode: str) -> str:
    """The full ``.tex`` of one variant in ``mode`` (``exam`` or ``solutions``)."""
    questions = [
        {
            "number": number,
            "points": points_text(instance.total_points),
            "body": question_body(instance, mode),
        }
        for number, instance in variant.ordered()
    ]
    return render_document(
        "document.tex.j2",
        {
            "exam": _exam_context(spec),
            "variant": {"id": variant.id, "student": variant.student},
            "mode": mode,
            "questions": questions,
        },
    )
