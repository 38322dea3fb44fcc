"""The key of a multiple-choice item of items.yaml: its correct options' labels in display order."""

from __future__ import annotations

from generator.itembank import load_mc, mc_quantities

(
    stem,
    instruction,
    option_texts,
    correct_flags,
    key,
    explanation,
    item_source,
) = mc_quantities(load_mc(__file__))
