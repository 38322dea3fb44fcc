"""Question text read as a student reads it: grammar, and no symbol the question never defines."""

from __future__ import annotations

import re

import pytest
import yaml

from generator.instance import Instance
from generator.points import rubric_text
from generator.registry import default_registry

REGISTRY = default_registry()
# Families whose rubrics and worked steps use named symbols (H, K, F, C_in, N, B, L ...).
SYMBOLIC = (
    "conv_shape",
    "cnn_shape_chain",
    "conv1d_bn_params",
    "training_loop_counts",
    "gap_head_params",
    "mlp_params",
    "bottleneck_ops",
)


def instance(family_id: str, **changes: object) -> Instance:
    family = REGISTRY.get(family_id)
    params = {**family.source_instance(), **family.coerce(changes)}
    return Instance(family, params, 1, {p.id: p.points for p in family.parts})


@pytest.mark.parametrize("family_id", SYMBOLIC)
def test_every_symbol_a_rubric_uses_is_defined_in_the_question(family_id: str) -> None:
    question = instance(family_id).render("question.tex.j2", "exam")
    family = REGISTRY.get(family_id)
    for part in family.parts[:6]:  # later parts of bottleneck_ops define their own symbols
        math = " ".join(re.findall(r"\$([^$]*)\$", rubric_text(part.rubric)))
        math = re.sub(r"\\[a-zA-Z]+\{[^}]*\}|\\[a-zA-Z]+", " ", math)
        for symbol in set(re.findall(r"(?<![A-Za-z_])([A-Z])(?![A-Za-z])", math)):
            assert re.search(
                rf"(?<![A-Za-z\\]){symbol}(_(\\mathrm)?\{{?\w+\}}?)? (=|\\times)", question
            ), f"{family_id} ({part.id}): rubric uses ${symbol}$, the question never defines it"


def test_equal_filter_counts_are_not_written_as_64_and_64() -> None:
    family = REGISTRY.get("cnn_shape_chain")
    filters = family.source_instance()["filters1"]
    text = instance("cnn_shape_chain", filters2=filters).render("question.tex.j2", "exam")
    assert f"{filters} and {filters}" not in " ".join(text.split())
    assert f"$F_1 = F_2 = {filters}$ filters" in " ".join(text.split())


def test_multiple_choice_stems_agree_with_how_many_options_are_correct() -> None:
    for family_id in sorted(f for f in REGISTRY.families if f.startswith("mc_")):
        items = yaml.safe_load((REGISTRY.get(family_id).folder / "items.yaml").read_text("utf-8"))
        for item in items:
            stem = " ".join(item["stem"].split())
            if not item.get("single"):  # "One or more options are correct" follows the stem
                assert not stem.startswith("Which one of"), (item["id"], stem)
                assert "does not have" not in stem and not stem.endswith(":"), (item["id"], stem)
