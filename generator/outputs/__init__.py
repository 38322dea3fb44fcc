"""Printers of solved variants, the way sympy has one expression tree and several printers.

:mod:`generator.outputs.model` turns a solved :class:`~generator.variants.Variant` into one
renderer-neutral model: each question rendered once from the family's own templates and cut into
prose and parts, each part with its LaTeX question text, worked solution, key and rubric.

- :mod:`generator.outputs.latex` prints a question of that model for the LaTeX documents
  (:mod:`generator.documents` assembles exam, answer sheet and solutions around it);
- :mod:`generator.outputs.html` prints it as HTML fragments (pandoc for the prose, MathML or
  MathJax math, SVG figures from :mod:`generator.outputs.figures`), which
  :mod:`generator.outputs.page` assembles into self-contained pages and exporters reuse.
"""
