"""HTML fragments of a variant: every part, its key and rubric, math and figures, from one model."""

from __future__ import annotations

import re
from dataclasses import replace
from html import escape
from pathlib import Path

import pytest

from generator.instance import Instance
from generator.outputs import pandoc
from generator.outputs.figures import FigureCache
from generator.outputs.html import (
    VariantHtml,
    figure_data,
    part_steps,
    render_questions_html,
    render_variant_html,
)
from generator.outputs.model import Block, question_model, variant_model
from generator.registry import default_registry
from generator.spec import DEFAULT_SPEC, load_spec
from generator.variants import Variant, build_exam

RAW_TEX = re.compile(r"\\(frac|dfrac|begin|end|mathbf|left|right|textbf|item)\b")


def visible(html: str) -> str:
    """The HTML without MathML annotations (which keep the TeX source on purpose)."""
    return re.sub(r"<annotation[^>]*>.*?</annotation>", "", html, flags=re.DOTALL)


@pytest.fixture(scope="module")
def variant() -> Variant:
    return build_exam(load_spec(DEFAULT_SPEC, default_registry()), 1).variants[0]


@pytest.fixture(scope="module")
def figures(tmp_path_factory: pytest.TempPathFactory) -> FigureCache:
    return FigureCache(tmp_path_factory.mktemp("figures"))


@pytest.fixture(scope="module")
def rendered(variant: Variant, figures: FigureCache) -> VariantHtml:
    return render_variant_html(variant, "mathml", figures)


def test_every_part_has_its_question_solution_key_and_rubric(
    variant: Variant, rendered: VariantHtml
) -> None:
    model = variant_model(variant)
    assert [q.number for q in rendered.questions] == [q.number for q in model.questions]
    assert rendered.points == model.points == sum(i.total_points for i in variant.questions)
    for question, source in zip(rendered.questions, model.questions, strict=True):
        assert [p.label for p in question.parts] == [p.label for p in source.parts]
        for part in question.parts:
            assert part.question.strip(), f"{part.label} has no question text"
            assert part.solution.strip(), f"{part.label} has no worked solution"
            assert ("<math" in part.key) == part.auto_graded, part.label
            assert bool(part.rubric) == bool(source.part(part.id).rubric_latex)


def test_no_raw_tex_is_left_visible(rendered: VariantHtml) -> None:
    for question in rendered.questions:
        texts = [html for _, html in question.question + question.solution]
        texts += [p.key + p.rubric + "".join(p.options) for p in question.parts]
        for html in texts:
            assert not RAW_TEX.search(visible(html)), visible(html)[:300]


def test_the_question_flow_keeps_prose_and_parts_in_template_order(
    rendered: VariantHtml,
) -> None:
    backprop = next(q for q in rendered.questions if q.family == "backprop_sin")
    assert backprop.question[0][0] is None  # the setting comes before part a
    assert [part for part, _ in backprop.question if part] == ["a", "b", "c", "d", "e"]
    assert "dl-figure" in backprop.question[0][1]  # the computational graph


def test_figures_are_svg_data_uris_compiled_once(variant: Variant, figures: FigureCache) -> None:
    render_variant_html(variant, "mathml", figures)
    compiled = figures.compiled
    assert compiled > 0
    again = render_variant_html(variant, "mathjax", figures)
    assert figures.compiled == compiled  # same pictures: nothing compiled again
    fresh = FigureCache(figures.folder)
    render_variant_html(variant, "mathml", fresh)
    assert fresh.compiled == 0  # read back from the cache folder
    images = [data for q in again.questions for _, html in q.question for data in figure_data(html)]
    assert images and all(data.lstrip().startswith(b"<svg") for data in images)


def test_mathjax_target_keeps_tex_delimiters(variant: Variant, figures: FigureCache) -> None:
    rendered = render_variant_html(variant, "mathjax", figures)
    part = rendered.questions[0].parts[1]
    assert "\\(" in part.key and "<math" not in part.key


def test_choice_options_and_tables() -> None:
    registry = default_registry()
    family = registry.get("mc_cnn")
    instance = Instance(family, family.source_instance(), 4, {p.id: p.points for p in family.parts})
    (question,) = render_questions_html([question_model(instance)], "mathml")
    part = question.parts[0]
    assert len(part.options) == len(question_model(instance).parts[0].options_latex) > 1
    assert '<ol type="A">' in part.question  # options lettered A, B, ... as on paper
    family = registry.get("perceptron_rule")
    instance = Instance(family, family.source_instance(), 1, {p.id: p.points for p in family.parts})
    (question,) = render_questions_html([question_model(instance)], "mathml")
    assert "<table" in "".join(html for _, html in question.question)


def test_bad_math_option_is_refused() -> None:
    with pytest.raises(ValueError, match="math must be one of"):
        pandoc.to_html(["x"], "latex")


def test_missing_pandoc_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pandoc.shutil, "which", lambda name: None)
    monkeypatch.setattr(pandoc, "_CONVERTER", pandoc.Converter())  # none started yet
    with pytest.raises(Exception, match="pandoc not found"):
        pandoc.to_html(["a text never converted before 7f3a"], "mathml")


def test_a_broken_picture_names_the_error(tmp_path: Path) -> None:
    cache = FigureCache(tmp_path)
    with pytest.raises(Exception, match="failed on a figure"):
        cache.svgs(["\\begin{tikzpicture}\\undefinedmacro\\end{tikzpicture}"])
    assert list(tmp_path.glob("preamble-*.fmt"))  # the picture's fault: the format is kept


def test_every_family_renders_without_raw_tex_or_math_errors(figures: FigureCache) -> None:
    registry = default_registry()
    models = []
    for family_id in sorted(registry.families):
        family = registry.get(family_id)
        points = {part.id: part.points for part in family.parts}
        models.append(question_model(Instance(family, family.source_instance(), 1, points)))
    for question in render_questions_html(models, "mathml", figures):
        texts = [html for _, html in question.question + question.solution]
        texts += [p.key + p.rubric + "".join(p.options) for p in question.parts]
        for html in texts:
            shown = re.sub(r'src="data:[^"]*"', "", visible(html))
            assert not re.search(r"\\[a-zA-Z]+|\$", shown), (question.family, shown[:300])
            for leftover in ('class="math', "<merror", "DLEXAM", "@@dlexam"):
                assert leftover not in html, (question.family, leftover)


def test_figures_have_alt_texts_naming_their_place() -> None:
    family = default_registry().get("conv1d_backward")
    instance = Instance(family, family.source_instance(), 4, {p.id: p.points for p in family.parts})
    (question,) = render_questions_html(
        [question_model(instance, 2)], "mathml", figure_url=lambda token: f"/f/{token}.svg"
    )
    place = f"question 2 ({escape(family.title)})"

    def alts(blocks: tuple[tuple[str | None, str], ...]) -> list[str]:
        return re.findall(r'<img class="dl-figure" alt="([^"]*)"', "".join(h for _, h in blocks))

    asked, worked = alts(question.question), alts(question.solution)
    assert asked == [f"Figure {n} of {place}" for n in range(1, len(asked) + 1)]
    assert worked and worked == [
        f"Figure {n} of the solution of {place}" for n in range(1, len(worked) + 1)
    ]


def _url(token: str) -> str:
    return f"/figure/{token}.svg"  # links, not data URIs: nothing is compiled


def test_a_shown_part_gets_exactly_its_solution_key_and_rubric(variant: Variant) -> None:
    """``shown`` (what the practice server renders when a part is checked or revealed) gives
    each shown part the same worked solution, key and rubric as the whole render, the other
    parts none, and the question text unchanged."""
    models = [question_model(instance, number) for number, instance in variant.ordered()]
    (full,) = render_questions_html(models[:1], figure_url=_url)
    labels = [part.label for part in full.parts]
    (asked,) = render_questions_html(models[:1], figure_url=_url, shown=())
    assert asked.question == full.question and asked.solution == ()
    assert not any(p.solution or p.key or p.rubric for p in asked.parts)
    for label in labels:
        (one,) = render_questions_html(models[:1], figure_url=_url, shown=[label])
        assert one.question == full.question
        for part, whole in zip(one.parts, full.parts, strict=True):
            expected = (whole.solution, whole.key, whole.rubric) if part.label == label else ""
            assert (part.solution, part.key, part.rubric) == (expected or ("", "", ""))
    (every,) = render_questions_html(models[:1], figure_url=_url, shown=labels)
    assert every.parts == full.parts  # only prose after the last part is left out
    assert every.solution == full.solution[: len(every.solution)]


def test_figures_of_a_partly_shown_solution_keep_their_numbers(variant: Variant) -> None:
    """A figure in the second part's steps is "Figure 2 of the solution" whether or not the
    first part's steps (with figure 1) are shown."""
    model = question_model(variant.questions[0], 1)
    picture = r"\begin{tikzpicture}\draw (0,0) -- (%d,1);\end{tikzpicture}"
    first, second = (part.id for part in model.parts[:2])
    model = replace(model, solution=(Block(first, picture % 1), Block(second, picture % 2)))
    label = model.part(second).label
    (one,) = render_questions_html([model], figure_url=_url, shown=[label])
    (steps,) = [html for part, html in one.solution if part == second]
    assert re.findall(r'alt="(Figure \d) of the solution', steps) == ["Figure 2"]
    assert [part for part, _ in one.solution] == [second]


def test_part_steps_give_each_part_the_prose_before_it() -> None:
    flow = [(None, "setting"), ("a", "A"), ("b", "B"), (None, "lead to c"), ("c", "C")]
    flow.append((None, "closing remark"))
    assert part_steps(flow) == [("a", ["setting", "A"]), ("b", ["B"]), ("c", ["lead to c", "C"])]
    assert part_steps([(None, "prose only")]) == []


def test_upright_names_stay_upright_in_browsers() -> None:
    """pandoc sets \\mathrm{ReLU} as <mstyle mathvariant="normal"> around one <mi> per letter;
    MathML Core ignores mathvariant on <mstyle>, so browsers showed the name in italic."""
    (html,) = pandoc.to_html([r"$\mathrm{ReLU}(z) + \mathrm{KL}(P \,\|\, Q) + \mathrm{d}x$"])
    assert "<mstyle" not in html
    for name in ("ReLU", "KL", "d"):
        assert f'<mi mathvariant="normal">{name}</mi>' in html


def _delimiters(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<mo stretchy="(true|false)" form="(?:prefix|postfix)">([^<]*)</mo>', html)


def test_delimiters_stretch_only_around_tall_content() -> None:
    """Chromium sets a stretchy parenthesis around a plain x with wide gaps ("P ( x )"), and
    texmath marks every one stretchy: pairs around line-high content get the plain glyph."""
    (line, tall, nested, lone, two) = pandoc.to_html(
        [
            r"$P(x) = \mathrm{ReLU}(z) + |w| + [a, b] + \left\lVert v \right\rVert$",
            r"$\left(\frac{a}{b}\right) + (\sqrt{2}) + \left[\sum_i x_i\right]$",
            r"$\left(a \left(\frac{1}{b}\right) c\right) + (x (y) z)$",
            r"$\left( x \right. + \left.\frac{a}{b}\right|_{0}$",
            r"$\left( x \right.$ and $y)$",
        ]
    )
    assert _delimiters(line) == [("false", c) for c in "()()||[]∥∥"]
    assert _delimiters(tall) == [("true", c) for c in "()()[]"]
    assert _delimiters(nested) == [("true", c) for c in "(()"] + [("true", ")")] + [
        ("false", c) for c in "(())"
    ]
    assert _delimiters(lone) == [("true", "("), ("true", "|")]  # no partner: left as written
    assert _delimiters(two) == [("true", "("), ("false", ")")]  # not paired across formulas
