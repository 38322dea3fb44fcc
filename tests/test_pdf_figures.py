"""No question refers to a picture it does not draw (the seeds' figures were lost in extraction)."""

from __future__ import annotations

import re

import pytest

from generator.instance import Instance
from generator.registry import default_registry

FAMILIES = sorted(default_registry().families)
REFERENCE = re.compile(
    r"\b(graph|figure|image|picture|diagram|network|MDP|drawing|sketch)\s+(below|above)"
    r"|\bsee the (graph|figure|image|picture|diagram|drawing)",
    re.IGNORECASE,
)
DRAWING = re.compile(r"\\begin\{tikzpicture\}|\\tikz\b|\\includegraphics")


def test_the_reference_pattern_catches_the_usual_phrasings() -> None:
    for text in ("see the image below", "the computational graph below", "the MDP above"):
        assert REFERENCE.search(text)
    assert not REFERENCE.search("the values below are exact")


@pytest.mark.parametrize("family_id", FAMILIES)
def test_a_question_that_mentions_a_picture_draws_it(family_id: str) -> None:
    family = default_registry().get(family_id)
    instance = Instance(family, family.source_instance(), 1, {p.id: p.points for p in family.parts})
    for template, mode in (("question.tex.j2", "exam"), ("solution.tex.j2", "solutions")):
        text = instance.render(template, mode)
        mention = REFERENCE.search(text)
        if mention:
            assert DRAWING.search(text), f"{template} says {mention[0]!r} but draws nothing"
