"""dlexam's generator: template families, parameters, sympy keys and LaTeX documents.

The version lives here and nowhere else; pyproject.toml reads it.
"""

__version__ = "0.1.0"
