"""Checks every family must pass, whatever folder it lives in.

Each family's own ``test_family.py`` pins its source question to hand-checked values; this file
draws many random variants of every family and compares every sympy key against the family's
independent numeric path (``numeric.py``), checks the constraints, and renders the templates.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import sympy

from generator.crosscheck import CrossCheckError, cross_check
from generator.family import REQUIRED_FILES, UNCOMPUTED_KINDS
from generator.formatting import Shape
from generator.instance import Instance
from generator.points import rubric_text
from generator.registry import BUNDLED, default_registry, family_folders
from generator.variants import family_hash

RANDOM_VARIANTS = 200
FAMILIES = sorted(default_registry().families)


def test_no_bundled_family_is_broken() -> None:
    assert default_registry().broken == {}


@pytest.mark.parametrize("folder", list(family_folders([BUNDLED])), ids=lambda p: p.name)
def test_folder_has_every_required_piece(folder: Path) -> None:
    family = default_registry().families.get(folder.name)
    needed = [*REQUIRED_FILES, "test_family.py"]
    if family is None or any(p.kind not in UNCOMPUTED_KINDS for p in family.parts):
        needed.append("numeric.py")
    missing = [name for name in needed if not (folder / name).is_file()]
    assert not missing, f"templates/{folder.name} lacks {', '.join(missing)}"


@pytest.mark.parametrize("family_id", FAMILIES)
def test_source_instance_satisfies_constraints_and_cross_checks(family_id: str) -> None:
    family = default_registry().get(family_id)
    params = family.source_instance()
    assert family.violations(params) == []
    cross_check(family, params, family.solve(params))


@pytest.mark.parametrize("family_id", FAMILIES)
def test_random_variants_agree_with_numeric_path(family_id: str) -> None:
    family = default_registry().get(family_id)
    distinct = set()
    for seed in range(RANDOM_VARIANTS):
        rng = np.random.default_rng(np.random.SeedSequence([seed, family_hash(family_id)]))
        params = family.draw(rng)
        assert family.violations(params) == []
        cross_check(family, params, family.solve(params))
        distinct.add(tuple(sorted((k, str(v)) for k, v in params.items())))
    assert len(distinct) > 1 or not family.params, "the sampler always draws the same question"


def _off(value: Any) -> Any:
    """``value`` made wrong by a little: its first entry, one end, one dimension, one more of a
    count, or 1/7 more."""
    if isinstance(value, list):
        return [_off(value[0]), *value[1:]]
    if isinstance(value, Shape):
        return Shape((value.dims[0] + 1, *value.dims[1:]))
    if isinstance(value, sympy.Interval):
        if value.end.is_finite:
            return sympy.Interval(value.start, value.end + sympy.Rational(1, 7))
        return sympy.Interval(value.start - sympy.Rational(1, 7), value.end)
    if value in (sympy.oo, -sympy.oo):
        return sympy.Integer(10**6)
    if isinstance(value, sympy.Integer):
        return value + 1  # a count off by one
    return value + sympy.Rational(1, 7)


@pytest.mark.parametrize("family_id", FAMILIES)
def test_the_cross_check_refuses_a_wrong_key_of_every_part(family_id: str) -> None:
    """The numeric path is compared with every computed part's key (not only some): each key
    of the source question made wrong alone is refused, naming its part."""
    family = default_registry().get(family_id)
    params = family.source_instance()
    values = family.solve(params)
    for part in family.parts:
        if part.kind in (*UNCOMPUTED_KINDS, "constraint"):  # a design: many answers are right
            continue
        wrong = {**values, part.answer: _off(values[part.answer])}
        with pytest.raises(CrossCheckError, match=f"part {part.id}:"):
            cross_check(family, params, wrong)


@pytest.mark.parametrize("family_id", FAMILIES)
@pytest.mark.parametrize("mode", ["exam", "question", "solutions"])
def test_templates_render_every_part(family_id: str, mode: str) -> None:
    family = default_registry().get(family_id)
    instance = Instance(family, family.source_instance(), 1, {p.id: p.points for p in family.parts})
    template = "solution.tex.j2" if mode == "solutions" else "question.tex.j2"
    text = instance.render(template, mode)
    environment = "dlsolpart" if mode == "solutions" else "dlpart"
    for part in family.parts:
        assert f"\\begin{{{environment}}}{{1{part.id}}}" in text, f"part {part.id} not rendered"


@pytest.mark.parametrize("family_id", FAMILIES)
def test_rubrics_are_plain_text_with_math(family_id: str) -> None:
    """Rubrics are plain text with $...$ math: the text is escaped when printed, so a LaTeX
    command outside math would show up literally in the solutions and in grading feedback."""
    for part in default_registry().get(family_id).parts:
        rubric = rubric_text(part.rubric)
        outside_math = re.sub(r"\$[^$]*\$", "", rubric)
        assert "\\" not in outside_math, f"part {part.id} rubric has LaTeX outside $...$"
        assert rubric.count("$") % 2 == 0, f"part {part.id} rubric has an unclosed $"


@pytest.mark.parametrize(("family_id", "seed"), [("graph_gradients", 1207), ("rnn_relu", 1030)])
def test_a_zero_key_is_not_refused_for_finite_difference_rounding(
    family_id: str, seed: int
) -> None:
    """Keys that are exactly 0 where the numeric path's finite difference gives 1.4e-9 or 3.6e-9
    (rounding of a loss of about 16 over the step): these variants were refused as wrong keys
    (practice seeds found by bench/bench_serve.py). The absolute tolerance grows with the
    variant's numbers; a real difference is still caught."""
    from generator.crosscheck import _close, _scale
    from grader.serve.sheets import family_link, solved

    solved(family_link(family_id, str(seed)))  # raised CrossCheckError (a 400 page) before
    scale = _scale({"a": 16.0, "b": [0.5, -48.0]})
    assert scale == 48.0
    assert _close(0, 3.6e-9, scale)
    assert not _close(0, 1e-4, scale)
    assert not _close(sympy.Integer(48), 48.001, scale)
