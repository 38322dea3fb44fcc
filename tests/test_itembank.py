"""Checks over the whole conceptual bank: every mc_* and free_* family and every item in them.

The key of a multiple-choice variant is checked without the bank's own permutation code: the
displayed option texts are looked up in the item as written in items.yaml, so a shuffle that
moved a text without its flag, or a key that names the wrong labels, is caught.
"""

from __future__ import annotations

import math
from itertools import permutations

import numpy as np
import pytest
import yaml

from generator.errors import DlexamError
from generator.family import Family
from generator.instance import Instance
from generator.itembank import (
    FREE_POINTS,
    LABELS,
    MC_POINTS,
    McItem,
    Option,
    credit,
    latex_problems,
    load_free,
    load_mc,
)
from generator.registry import default_registry
from generator.rendering import tex_escape

REGISTRY = default_registry()
MC_FAMILIES = sorted(f for f in REGISTRY.families if f.startswith("mc_"))
FREE_FAMILIES = sorted(f for f in REGISTRY.families if f.startswith("free_"))


def raw_items(family: Family) -> list[dict]:
    """The items exactly as written in the family's items.yaml (no bank code involved)."""
    return yaml.safe_load((family.folder / "items.yaml").read_text(encoding="utf-8"))


def test_no_bank_family_is_broken() -> None:
    broken = {k: v for k, v in REGISTRY.broken.items() if k.startswith(("mc_", "free_"))}
    assert broken == {}


def test_the_bank_is_large_enough_and_ids_are_unique_across_it() -> None:
    mc = [item["id"] for f in MC_FAMILIES for item in raw_items(REGISTRY.get(f))]
    free = [item["id"] for f in FREE_FAMILIES for item in raw_items(REGISTRY.get(f))]
    assert len(mc) >= 40, f"only {len(mc)} multiple-choice items"
    assert len(free) >= 20, f"only {len(free)} free-text items"
    assert len(set(mc + free)) == len(mc + free), "an item id is used twice"


@pytest.mark.parametrize("family_id", MC_FAMILIES + FREE_FAMILIES)
def test_every_item_names_a_source_and_a_topic_of_its_family(family_id: str) -> None:
    family = REGISTRY.get(family_id)
    for item in raw_items(family):
        source = str(item.get("source", "")).strip()
        assert source == "new" or ".txt" in source, f"{item['id']}: source {source!r}"
        # Sources are printed escaped, as plain text: no TeX markup.
        assert not set("$\\`") & set(source), f"{item['id']}: TeX markup in its source"
        assert item["topic"] in family.topics, item["id"]


@pytest.mark.parametrize("family_id", MC_FAMILIES)
def test_every_shuffle_keeps_the_key_consistent_with_the_options(family_id: str) -> None:
    family = REGISTRY.get(family_id)
    for raw in raw_items(family):
        truth = {o["text"].strip(): o.get("correct") is True for o in raw["options"]}
        truth = {" ".join(text.split()): flag for text, flag in truth.items()}
        assert any(truth.values()), f"{raw['id']} has no correct option"
        if raw.get("single"):
            assert sum(truth.values()) == 1, raw["id"]
        seen_orders = set()
        for shuffle in range(math.factorial(len(truth))):
            values = family.solve({"item": raw["id"], "shuffle": shuffle})
            shown = values["option_texts"]
            assert sorted(shown) == sorted(truth), f"{raw['id']}: options lost or changed"
            expected = ",".join(LABELS[i] for i, text in enumerate(shown) if truth[text])
            assert values["key"] == expected, f"{raw['id']} shuffle {shuffle}"
            seen_orders.add(tuple(shown))
        assert len(seen_orders) == math.factorial(len(truth)), "two shuffles give the same order"


def test_shuffle_index_is_the_lexicographic_permutation_rank() -> None:
    for n in range(3, 6):
        options = tuple(Option(str(i), i == 0) for i in range(n))
        item = McItem("x", "cnn", "new", "stem", options, False, "why")
        for index, order in enumerate(permutations(range(n))):
            assert item.permutation(index) == list(order)


@pytest.mark.parametrize("family_id", MC_FAMILIES)
def test_source_reproduces_the_item_in_its_own_order(family_id: str) -> None:
    family = REGISTRY.get(family_id)
    params = family.source_instance()
    assert int(params["shuffle"]) == 0
    raw = next(i for i in raw_items(family) if i["id"] == params["item"])
    written = [" ".join(o["text"].split()) for o in raw["options"]]
    assert family.solve(params)["option_texts"] == written


@pytest.mark.parametrize("family_id", MC_FAMILIES)
def test_sampler_draws_every_item_and_varied_orders(family_id: str) -> None:
    family = REGISTRY.get(family_id)
    rng = np.random.default_rng(7)
    draws = [family.draw(rng) for _ in range(60 * len(raw_items(family)))]
    assert {d["item"] for d in draws} == {i["id"] for i in raw_items(family)}
    assert len({int(d["shuffle"]) for d in draws}) > 6


def test_a_shuffle_beyond_the_item_is_rejected_with_a_reason() -> None:
    family = REGISTRY.get("mc_cnn")
    problems = family.violations({"item": "tum_1x1_uses", "shuffle": 24})
    assert problems and "0..23" in problems[0]


@pytest.mark.parametrize("family_id", MC_FAMILIES + FREE_FAMILIES)
def test_every_item_renders_in_every_mode(family_id: str) -> None:
    family = REGISTRY.get(family_id)
    points = {p.id: p.points for p in family.parts}
    for raw in raw_items(family):
        params = family.coerce({"item": raw["id"], **({"shuffle": 0} if "options" in raw else {})})
        instance = Instance(family, params, 1, points)
        for template, mode in (("question.tex.j2", "exam"), ("solution.tex.j2", "solutions")):
            text = instance.render(template, mode)
            assert " ".join(raw["stem"].split())[:30] in text or mode == "solutions"
            assert "\\begin{dl" in text
            # Students see no internal tags: no seed file names, no "Source: new".
            assert ".txt" not in text and "Source:" not in text
        solutions = instance.render("solution.tex.j2", "solutions")
        expected = credit(str(raw["source"]))
        shown = tex_escape(expected)  # as the template prints it
        assert (shown in solutions) if expected else ("Adapted from" not in solutions)


@pytest.mark.parametrize(
    ("source", "line"),
    [
        ("new", ""),
        (
            "004_5b0f837f9b646cfa.txt, TUM I2DL endterm WS21, Problem 1 d (options 1 and 2 "
            "reworded; the seed prints no key)",
            "Adapted from TUM I2DL endterm WS21, Problem 1 d.",
        ),
        (
            "004_5b0f837f9b646cfa.txt, BITS Pilani DNN midsem 2022-23 (EC2 regular), Question 1 "
            "(b). The seed's rubric says the friend is incorrect.",
            "Adapted from BITS Pilani DNN midsem 2022-23 (EC2 regular), Question 1 (b).",
        ),
        (
            "004_5b0f837f9b646cfa.txt, TUM I2DL endterm WS21, Problem 8 c, and "
            "002_540bdc9a87df8e78.txt, VIR 2022 midterm Q9 (both free text in the source)",
            "Adapted from TUM I2DL endterm WS21, Problem 8 c, and VIR 2022 midterm Q9.",
        ),
        (
            '004_5b0f837f9b646cfa.txt, BITS Pilani DNN question "Which networks is (are) suited" '
            "(the seed lists no options)",
            'Adapted from BITS Pilani DNN question "Which networks is (are) suited".',
        ),
    ],
)
def test_a_source_is_credited_as_a_person_would(source: str, line: str) -> None:
    assert credit(source) == line


@pytest.mark.parametrize("family_id", MC_FAMILIES + FREE_FAMILIES)
def test_points_follow_the_bank_rules(family_id: str) -> None:
    family = REGISTRY.get(family_id)
    (part,) = family.parts
    if family_id.startswith("mc_"):
        assert (part.kind, part.points, part.scoring) == ("multi", MC_POINTS, "all-or-nothing")
    else:
        assert (part.kind, part.points) == ("manual", FREE_POINTS)


def test_rubric_points_scale_with_the_points_a_spec_gives() -> None:
    family = REGISTRY.get("free_layers")
    params = family.coerce({"item": "tum_forward_backward"})  # four points of 0.5 out of 2
    text = Instance(family, params, 1, {"a": 4}).render("solution.tex.j2", "solutions")
    assert text.count("\\textbf{1~pt}") == 4


def test_latex_hygiene_catches_what_would_break_the_exam() -> None:
    assert latex_problems("50% of $x_1$") != []
    assert latex_problems("a_b outside math") != []
    assert latex_problems("R&D") != []
    assert latex_problems("unclosed $x") != []
    assert latex_problems("{unbalanced") != []
    assert latex_problems(r"50\,\% of $x_1$ and $\begin{pmatrix}1 & 2\end{pmatrix}$") == []


def test_a_bad_item_names_its_file_and_place(tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "mc_broken"
    folder.mkdir()
    (folder / "meta.yaml").write_text("topics: [cnn]\n")
    (folder / "items.yaml").write_text(
        "- id: x\n  topic: cnn\n  source: new\n  stem: s\n  explanation: e\n"
        "  options: [{text: a}, {text: b}, {text: c}]\n"
    )
    with pytest.raises(DlexamError, match=r"mc_broken/items.yaml: items\[0\] \(x\).*correct"):
        load_mc(str(folder / "params.py"))
    (folder / "items.yaml").write_text(
        "- id: y\n  topic: cnn\n  source: new\n  stem: s\n  answer: a\n"
        "  rubric: [{points: 1, text: one point}]\n"
    )
    with pytest.raises(DlexamError, match=f"add up to {FREE_POINTS}"):
        load_free(str(folder / "params.py"))
