"""Renderers of solved variants, the way sympy has one expression tree and several printers.

:mod:`generator.outputs.model` turns a solved :class:`~generator.variants.Variant` into one
renderer-neutral model (questions split into prose and parts, each part with its LaTeX question
text, worked solution, key and rubric), rendered once from the family's own templates.
:mod:`generator.outputs.html` prints that model as HTML fragments and self-contained pages; the
LaTeX/PDF documents (:mod:`generator.documents`) print the same templates through the same part
views. Exporters to learning-management systems build on the HTML fragments.
"""
