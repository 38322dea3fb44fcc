"""The model answer and the points per point made of a free-text item of items.yaml."""

from __future__ import annotations

from generator.itembank import free_quantities, load_free

stem, model_answer, rubric_points, item_source = free_quantities(load_free(__file__))
