"""The LaTeX printer of the model: a question as the exam, answer-sheet and solutions documents
print it (:mod:`generator.documents` assembles the documents around it).

Parts are printed by :func:`generator.rendering.part_latex`, the same function the family
templates' part wrapper uses when a template is rendered on its own (``dlexam solve --latex``).
"""

from __future__ import annotations

from generator.outputs.model import Block, QuestionModel
from generator.rendering import part_latex

# kept on the page of the first worked part, like a question's heading (see \dlkeepbegin)
SOLUTION_HEADING = "\n\\dlkeepbegin\\medskip\\noindent\\textbf{Solution.}\n\n"


def _flow(question: QuestionModel, blocks: tuple[Block, ...], mode: str) -> str:
    def block_latex(block: Block) -> str:
        if block.part is None:
            return block.latex + "\n"
        part = question.part(block.part)
        options = len(part.options_latex)
        return part_latex(mode, part.view, part.kind, options, block.latex + "\n", part.room)

    return "".join(block_latex(block) for block in blocks)


def question_latex(question: QuestionModel, mode: str) -> str:
    """The question text, followed in ``solutions`` mode by the worked solution."""
    body = _flow(question, question.question, "exam" if mode == "exam" else "question")
    if mode == "solutions":
        body += SOLUTION_HEADING + _flow(question, question.solution, "solutions")
    return body
