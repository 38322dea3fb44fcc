"""Jinja2 LaTeX rendering of questions, solutions and whole documents.

Delimiters are chosen so they never clash with LaTeX braces and percent signs:
``<< value >>`` prints, ``<% if ... %>`` controls, ``<# ... #>`` comments. Every printed value goes
through :func:`generator.formatting.template_value` (Jinja's ``finalize``), so a sympy value prints
as ``sympy.latex`` and ``<< x | dec(2) >>`` prints two fixed decimals. Anything that comes from
outside (titles, names, instructions) is escaped with the ``tex`` filter.

Inside a family template each answer part is wrapped as ``<% call part("a") %> ... <% endcall %>``;
the wrapper emits the LaTeX environment the document defines for the current mode, so the family
never decides how a part, its points, its answer box or its key look.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import jinja2
from pylatex.utils import escape_latex

from generator import formatting
from generator.errors import DlexamError
from generator.family import ROOMS, Family, PartSpec
from generator.itembank import credit
from generator.points import amount_text
from generator.qr import qr_latex

LATEX_DIR = Path(__file__).resolve().parent / "latex"
SOLUTION_TEMPLATE = "solution.tex.j2"
CREDIT_LINE = "\n\n{{\\footnotesize {}}}\n"  # after the worked solution, as the item bank's


def _one_line(text: Any) -> str:
    """Whitespace runs (newlines included) as one space, control characters dropped."""
    return re.sub(r"\s+", " ", "".join(ch if ch.isprintable() else " " for ch in str(text)))


# Characters T1 fonts would turn into other glyphs or ligatures (' into a curly quote, << into a
# guillemet, ,, into a low quote, !` into an inverted mark): printed as themselves instead.
LITERAL_CHARACTERS = {
    "'": "\\textquotesingle{}",
    "`": "\\textasciigrave{}",
    "<": "\\textless{}",
    ">": "\\textgreater{}",
    ",": ",{}",
}


def _escape(text: str) -> str:
    return "".join(LITERAL_CHARACTERS.get(ch, ch) for ch in escape_latex(text))


def tex_escape(text: Any) -> formatting.Latex:
    """Escape outside text so ``50% & more_{}\\input{/etc/passwd}`` prints literally.

    The text is made one line: a title or a name has no line breaks, and a stray ``\\newline``
    where TeX expects a paragraph start is a compile error, not a layout choice.
    """
    return formatting.Latex(_escape(_one_line(text).strip()))


def tex_paragraphs(text: Any) -> formatting.Latex:
    """Escape multi-paragraph outside text (instructions); blank lines separate paragraphs."""
    paragraphs = re.split(r"\n\s*\n", str(text).strip())
    return formatting.Latex("\\par\n".join(tex_escape(p) for p in paragraphs if p.strip()))


def tex_with_math(text: str) -> formatting.Latex:
    """Plain text with ``$...$`` math spans (rubrics): the text is escaped, the math kept.

    Rubrics are written by family authors as plain sentences; escaping them means a ``50%`` in a
    rubric cannot comment out the rest of the line, while ``$K^2 C$`` still typesets.
    """
    pieces = _one_line(text).strip().split("$")
    if len(pieces) % 2 == 0:  # an unpaired dollar is a literal dollar sign
        pieces = [*pieces[:-2], pieces[-2] + "$" + pieces[-1]]
    return formatting.Latex(
        "".join(_escape(p) if i % 2 == 0 else f"${p}$" for i, p in enumerate(pieces))
    )


def _environment(loader: jinja2.BaseLoader) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=loader,
        block_start_string="<%",
        block_end_string="%>",
        variable_start_string="<<",
        variable_end_string=">>",
        comment_start_string="<#",
        comment_end_string="#>",
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
        auto_reload=False,  # templates are package files: no stat of each one per render
        undefined=jinja2.StrictUndefined,
        finalize=formatting.template_value,
    )
    env.filters["dec"] = lambda value, digits=2: formatting.Fixed(value, digits)
    env.filters["sig"] = lambda value, digits=4: formatting.Significant(value, digits)
    env.filters["tex"] = tex_escape
    env.filters["paragraphs"] = tex_paragraphs
    env.filters["latex"] = lambda value: formatting.Latex(formatting.latex(value))
    env.filters["exact"] = lambda value: formatting.Latex(formatting.exact_string(value))
    env.filters["pt"] = amount_text
    env.filters["credit"] = credit
    env.globals["Latex"] = formatting.Latex
    return env


@cache
def family_environment(folder: Path) -> jinja2.Environment:
    return _environment(jinja2.FileSystemLoader([str(folder), str(LATEX_DIR)]))


@cache
def document_environment() -> jinja2.Environment:
    env = _environment(jinja2.FileSystemLoader(str(LATEX_DIR)))
    env.globals["qr"] = qr_latex
    return env


@dataclass(frozen=True)
class PartView:
    """What a document needs to show of one part: its label, points and key.

    The key's LaTeX is written by ``write_key`` when first asked for: a question shown without
    its solution never needs it, and evaluating a sigmoid network's keys to print them costs
    more than drawing and solving the whole question."""

    label: str
    points: float
    auto_graded: bool
    write_key: Callable[[], str] = field(repr=False, compare=False)
    rubric: str

    @cached_property
    def key_latex(self) -> str:
        return self.write_key()


def points_text(points: float) -> str:
    return f"{points:g}"


# Answer-box heights (cm) on the answer sheet, which holds final answers only: a number fits a
# line, a matrix or a design needs room.
SHEET_BOX_HEIGHTS = {
    "vector": 1.2,
    "interval": 1.2,
    "set": 1.2,
    "matrix": 1.8,
    "expression": 1.5,
    "constraint": 2.25,
}
SHEET_BOX_HEIGHT = 0.9
# On the exam a box holds the working too ("show your work"): room by what the part asks, unless
# the family declares the part's ``room`` in meta.yaml (generator.family.ROOMS).
EXAM_ROOM = {
    "expression": 3.0,
    "constraint": 4.0,
    "manual": ROOMS["derivation"],
}
EXAM_ROOM_DEFAULT = ROOMS["short"]
MATRIX_ROOM_PER_ROW = 0.6  # cm per row of the key's matrix, on top of the default room


def exam_room(kind: str, key: Any = None) -> float:
    """The height (cm) of an exam answer box for a part of ``kind`` whose key is ``key``."""
    if kind == "matrix" and isinstance(key, list | tuple):
        return EXAM_ROOM_DEFAULT + MATRIX_ROOM_PER_ROW * len(key)
    return EXAM_ROOM.get(kind, EXAM_ROOM_DEFAULT)


def answer_box(
    label: str,
    kind: str,
    options: int,
    width: str = "\\linewidth",
    compact: bool = False,
    room: float | None = None,
) -> str:
    """The framed, labelled answer box of one part: ``room`` cm high on the exam, a final answer's
    height on the answer sheet (``compact``).

    Choice parts get one checkbox per option instead of free space, so the sheet says how many
    options there are and a marked box cannot be misread; compact ones leave out the "mark one"
    hint the exam already gives.
    """
    if kind in ("choice", "multi") and options:
        letters = string.ascii_uppercase[:options]
        marks = "\\quad ".join(f"\\dlcheck{{{letter}}}" for letter in letters)
        hint = "" if compact else "mark one" if kind == "choice" else "mark all that apply"
        return f"\\dlchoicebox{{{width}}}{{{label}}}{{{marks}}}{{{hint}}}"
    if compact:
        height = SHEET_BOX_HEIGHTS.get(kind, SHEET_BOX_HEIGHT)
    else:
        height = room if room is not None else exam_room(kind)
    if kind == "manual":  # room to write or draw; not a CSV column
        return f"\\dlworkbox[{height:.2f}cm]{{{width}}}{{{label}}}"
    return f"\\dlanswerbox[{height:.2f}cm]{{{width}}}{{{label}}}"


def option_count(family: Family, part_id: str, values: Mapping[str, Any]) -> int:
    """How many options a choice part offers in this variant (0 when it is not a choice part)."""
    part = family.part(part_id)
    if part.kind not in ("choice", "multi") or not part.options:
        return 0
    return len(values[part.options])


def part_latex(
    mode: str, view: PartView, kind: str, options: int, body: str, room: float | None = None
) -> str:
    """One part as the LaTeX documents print it, around the family's ``body`` of that part.

    ``exam`` adds the framed answer box (``room`` cm high, default :func:`exam_room`),
    ``question`` restates the part in a solutions document, ``solutions`` adds the key and the
    rubric. ``options`` counts a choice part's options. The part is one block that never splits
    across pages (``\\dlkeepbegin``; the first part of a question also keeps its heading).
    """
    pts = points_text(view.points)
    if mode in ("exam", "question"):
        box = ""
        if mode == "exam":
            box = answer_box(view.label, kind, options, room=room or exam_room(kind))
            box = f"\\par\\smallskip\\noindent {box}\\par\n"
        text = f"\\begin{{dlpart}}{{{view.label}}}{{{pts}}}\n{body}{box}\\end{{dlpart}}\n"
    else:
        key = f"\\dlkey{{{view.key_latex}}}\n" if view.auto_graded else ""
        rubric = f"\\dlrubric{{{tex_with_math(view.rubric)}}}\n" if view.rubric else ""
        text = (
            f"\\begin{{dlsolpart}}{{{view.label}}}{{{pts}}}\n{body}{key}{rubric}"
            "\\end{dlsolpart}\n"
        )
    return f"\\dlkeepbegin\n{text}\\dlkeepend\n"


def part_room(part: PartSpec, values: Mapping[str, Any]) -> float:
    """The exam box height of ``part``: what its family declares, else :func:`exam_room`."""
    return part.room or exam_room(part.kind, values.get(part.answer))


def _part_wrapper(
    mode: str, views: Mapping[str, PartView], family: Family, values: Mapping[str, Any]
) -> Callable[..., str]:
    def part(part_id: str, caller: Callable[[], str]) -> formatting.Latex:
        if part_id not in views:  # the exam spec left this part out
            return formatting.Latex("")
        spec, options = family.part(part_id), option_count(family, part_id, values)
        room = part_room(spec, values)
        return formatting.Latex(
            part_latex(mode, views[part_id], spec.kind, options, caller(), room)
        )

    return part


FAMILY_TEMPLATES = ("question.tex.j2", "solution.tex.j2")


def compile_family_templates(family: Family) -> None:
    """Compile a family's templates now (a server does it at start, not in a student's request)."""
    env = family_environment(family.folder)
    for name in FAMILY_TEMPLATES:
        env.get_template(name)


def precision_text(family: Family, part_ids: tuple[str, ...] = ()) -> formatting.Latex:
    """``four significant figures``: ``<< graded_to() >>`` in a question prints the tolerance
    the grader applies to the numeric parts (``part_ids``, default all), so the precision a
    question asks for and the one it is graded to cannot disagree."""
    numeric = ("number", "vector", "matrix")
    parts = [family.part(i) for i in part_ids] or [p for p in family.parts if p.kind in numeric]
    texts = {formatting.tolerance_text(p.tolerance) for p in parts if p.kind in numeric}
    if len(texts) != 1:
        raise DlexamError(
            f"graded_to(): the parts {', '.join(p.id for p in parts)} have tolerances "
            f"{sorted(texts)}; name the parts that share one",
            where=f"templates/{family.id}/question.tex.j2",
        )
    return formatting.Latex(texts.pop())


def render_family_text(
    family: Family,
    template: str,
    mode: str,
    params: Mapping[str, Any],
    values: Mapping[str, Any],
    views: Mapping[str, PartView],
    part: Callable[..., str] | None = None,
) -> str:
    """Render ``question.tex.j2`` or ``solution.tex.j2`` of ``family`` for one instance.

    ``mode`` is ``"exam"`` (parts get answer boxes), ``"question"`` (the question restated in a
    solutions document, no boxes) or ``"solutions"`` (parts get keys and rubrics). Another
    output format passes its own ``part`` wrapper (see :mod:`generator.outputs.model`).
    """
    env = family_environment(family.folder)
    wrapper = part or _part_wrapper(mode, views, family, values)
    context = {
        **params,
        **values,
        "parts": views,
        "part": wrapper,
        "asked": lambda *ids: any(i in views for i in ids),  # text shared by a group of parts
        "graded_to": lambda *ids: precision_text(family, ids),
    }
    text = env.get_template(template).render(context)
    if template == SOLUTION_TEMPLATE and family.credit:
        text += CREDIT_LINE.format(tex_escape(family.credit))
    return text


def render_document(template: str, context: Mapping[str, Any]) -> str:
    """Render a whole-document template from ``generator/latex``."""
    return document_environment().get_template(template).render(context)
