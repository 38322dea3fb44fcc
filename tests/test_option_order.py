"""Choice options are printed in a drawn order, and every key follows it."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import numpy as np
from click.testing import CliRunner

from generator.cli import main
from generator.registry import default_registry
from generator.shuffle import PARAM, nth_permutation, relabel
from generator.variants import family_hash


def test_permutations_and_relabelled_keys() -> None:
    assert nth_permutation(3, 0) == [0, 1, 2]
    assert nth_permutation(3, 5) == [2, 1, 0]
    assert sorted(tuple(nth_permutation(4, r)) for r in range(24)) == sorted(
        {tuple(nth_permutation(4, r)) for r in range(24)}
    )
    # options written A, B, C shown as C, A, B: the family's A is now B
    assert relabel("A", [2, 0, 1]) == "B"
    assert relabel("A,C", [2, 0, 1]) == "A,B"


def test_family_choice_keys_vary_and_always_point_at_the_same_option() -> None:
    family = default_registry().get("lr_per_coordinate")
    assert family.source_instance()[PARAM] == 0
    assert family.solve(family.source_instance())["verdict_q"] == "A"  # the source's order
    letters: Counter[str] = Counter()
    for seed in range(120):
        rng = np.random.default_rng(np.random.SeedSequence([seed, family_hash(family.id)]))
        values = family.solve(family.draw(rng))
        shown = values["verdict_options"]
        letters[values["verdict_q"]] += 1
        assert shown["ABC".index(values["verdict_q"])].startswith("it converges to the minimiser")
        assert shown["ABC".index(values["verdict_r"])].startswith("it never converges")
    assert set(letters) == {"A", "B", "C"} and min(letters.values()) > 20


def test_item_banks_keep_their_own_shuffle() -> None:
    assert PARAM not in {p.name for p in default_registry().get("mc_cnn").params}


def test_shuffled_keys_grade_as_printed(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        "title: T\ncourse: C\nseed: 3\nvariants: 4\nquestions:\n  - family: lr_per_coordinate\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    result = runner.invoke(main, ["generate", str(spec), "--out", str(tmp_path), "--no-pdf"])
    assert result.exit_code == 0, result.output
    document = json.loads((tmp_path / "keys.json").read_text(encoding="utf-8"))
    labels = [p["id"] for p in document["variants"][0]["questions"][0]["parts"]]
    rows = [["student_id", "variant", *labels]]
    keys_b = set()
    for variant in document["variants"]:
        parts = {p["id"]: p for p in variant["questions"][0]["parts"]}
        keys_b.add(parts["1b"]["exact"])
        tex = (tmp_path / "tex" / f"{variant['id']}.tex").read_text(encoding="utf-8")
        printed = [tex.index(option["text"]) for option in parts["1b"]["options"]]
        assert printed == sorted(printed)  # printed in the order keys.json lists them
        rows.append([f"s{variant['id']}", variant["id"], *(parts[lb]["exact"] for lb in labels)])
    assert len(keys_b) > 1  # not the same letter in every variant
    answers = tmp_path / "answers.csv"
    with answers.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    result = runner.invoke(
        main,
        ["grade", str(tmp_path / "keys.json"), str(answers), "--out", str(tmp_path / "graded")],
    )
    assert result.exit_code == 0, result.output
    with (tmp_path / "graded" / "scores.csv").open(encoding="utf-8") as handle:
        assert [row["percent"] for row in csv.DictReader(handle)] == ["100.0"] * 4
