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

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from pylatex.utils import escape_latex

from generator import formatting
from generator.family import Family

LATEX_DIR = Path(__file__).resolve().parent / "latex"


def tex_escape(text: Any) -> formatting.Latex:
    """Escape outside text so ``50% & more_{}\\input{/etc/passwd}`` prints literally."""
    return formatting.Latex(escape_latex(str(text)))


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
        undefined=jinja2.StrictUndefined,
        finalize=formatting.template_value,
    )
    env.filters["dec"] = lambda value, digits=2: formatting.Fixed(value, digits)
    env.filters["tex"] = tex_escape
    env.filters["latex"] = lambda value: formatting.Latex(formatting.latex(value))
    env.filters["exact"] = lambda value: formatting.Latex(formatting.exact_string(value))
    env.globals["Latex"] = formatting.Latex
    return env


@cache
def family_environment(folder: Path) -> jinja2.Environment:
    return _environment(jinja2.FileSystemLoader([str(folder), str(LATEX_DIR)]))


@cache
def document_environment() -> jinja2.Environment:
    return _environment(jinja2.FileSystemLoader(str(LATEX_DIR)))


@dataclass(frozen=True)
class PartView:
    """What a document needs to show of one part: its label, points and key."""

    label: str
    points: float
    auto_graded: bool
    key_latex: str
    rubric: str


def points_text(points: float) -> str:
    return f"{points:g}"


def _part_wrapper(mode: str, views: Mapping[str, PartView]) -> Callable[..., str]:
    def part(part_id: str, caller: Callable[[], str]) -> formatting.Latex:
        view = views[part_id]
        body = caller()
        pts = points_text(view.points)
        if mode in ("exam", "question"):
            show_box = mode == "exam" and view.auto_graded
            box = f"\\dlanswerbox{{{view.label}}}\n" if show_box else ""
            text = f"\\begin{{dlpart}}{{{view.label}}}{{{pts}}}\n{body}{box}\\end{{dlpart}}\n"
        else:
            key = f"\\dlkey{{{view.key_latex}}}\n" if view.auto_graded else ""
            rubric = f"\\dlrubric{{{view.rubric}}}\n" if view.rubric else ""
            text = (
                f"\\begin{{dlsolpart}}{{{view.label}}}{{{pts}}}\n{body}{key}{rubric}"
                "\\end{dlsolpart}\n"
            )
        return formatting.Latex(text)

    return part


def render_family_text(
    family: Family,
    template: str,
    mode: str,
    params: Mapping[str, Any],
    values: Mapping[str, Any],
    views: Mapping[str, PartView],
) -> str:
    """Render ``question.tex.j2`` or ``solution.tex.j2`` of ``family`` for one instance.

    ``mode`` is ``"exam"`` (parts get answer boxes), ``"question"`` (the question restated in a
    solutions document, no boxes) or ``"solutions"`` (parts get keys and rubrics).
    """
    env = family_environment(family.folder)
    context = {**params, **values, "parts": views, "part": _part_wrapper(mode, views)}
    return env.get_template(template).render(context)


def render_document(template: str, context: Mapping[str, Any]) -> str:
    """Render a whole-document template from ``generator/latex``."""
    return document_environment().get_template(template).render(context)
