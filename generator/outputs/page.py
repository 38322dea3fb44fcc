"""Self-contained HTML pages of an exam: one exam page and one solutions page per variant.

The pages sit next to the PDFs (``exam/V001.html``, ``solutions/V001.html``) and need nothing
else: math is MathML, figures are SVG data URIs, the style sheet is inline and there is no
script, so a page opens offline, prints, and reads out with a screen reader.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path

import jinja2

from generator.atomic import write_text_atomic
from generator.outputs.figures import FigureCache
from generator.outputs.html import VariantHtml, render_variants_html
from generator.rendering import points_text
from generator.spec import ExamSpec
from generator.variants import Exam

PAGES_DIR = Path(__file__).resolve().parent / "pages"
FOLDERS = {False: "exam", True: "solutions"}


@cache
def page_environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(PAGES_DIR)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # package files, read once
    )
    env.globals["points"] = points_text
    return env


def variant_page(spec: ExamSpec, variant: VariantHtml, solutions: bool) -> str:
    """The exam (``solutions=False``) or the worked solutions of one variant as one HTML page."""
    return (
        page_environment()
        .get_template("variant.html.j2")
        .render(exam=spec, variant=variant, solutions=solutions, practice=spec.kind == "practice")
    )


def write_pages(
    exam: Exam,
    out_dir: Path,
    figures: FigureCache | None = None,
    stems: Mapping[str, str] | None = None,
) -> list[Path]:
    """Write every variant's exam and solutions page, all rendered before any is written.

    ``stems`` names a variant's files (variant id -> ``s001`` with ``--name-by student``, as its
    PDFs are named); by default they are named by the variant id.
    """
    rendered = render_variants_html(exam.variants, "mathml", figures)
    names = stems or {}
    pages = {
        out_dir / FOLDERS[solutions] / f"{names.get(variant.id, variant.id)}.html": variant_page(
            exam.spec, variant, solutions
        )
        for variant in rendered
        for solutions in (False, True)
    }
    for path, text in pages.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(path, text)
    return list(pages)
