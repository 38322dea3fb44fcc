"""Typed question parameters.

A family declares its parameters with these types in ``params.py``. A type knows three things:
how to draw an exam-friendly value from the RNG it is handed (never a global one, so variants are
reproducible), how to read a value an instructor typed (``--set w=[pi/2, pi]``, an exam spec)
through
the safe :mod:`generator.mathtext` reader, and how to describe itself for ``dlexam templates``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import sympy

from generator import mathtext
from generator.errors import DlexamError, MathTextError
from generator.formatting import exact_string


def read(value: Any, name: str) -> Any:
    """Text goes through the safe reader; Python values are taken as they are."""
    if isinstance(value, str):
        try:
            return mathtext.parse(value)
        except MathTextError as error:
            raise DlexamError(
                f"cannot read {value!r}: {error}", where=f"parameter {name}"
            ) from None
    return value


def _real(value: Any, name: str) -> sympy.Expr:
    expr = sympy.sympify(value) if not isinstance(value, list) else None
    if expr is None or not expr.is_number or not expr.is_real:
        raise DlexamError(f"expected a real number, got {exact_string(value)}", where=name)
    return expr


@dataclass(frozen=True)
class Param:
    """Base class: a named parameter with a short description for the template listing."""

    name: str
    doc: str = field(default="", kw_only=True)
    kind: str = field(default="param", init=False)

    def sample(self, rng: np.random.Generator) -> Any:
        raise NotImplementedError

    def coerce(self, value: Any) -> Any:
        """Check and convert a Python value or text to this parameter's exact form."""
        raise NotImplementedError

    def describe(self) -> dict[str, Any]:
        return {"name": self.name, "type": self.kind, "doc": self.doc}


@dataclass(frozen=True)
class Integer(Param):
    """An integer in ``[low, high]``."""

    low: int = 0
    high: int = 9
    kind: str = field(default="integer", init=False)

    def sample(self, rng: np.random.Generator) -> sympy.Integer:
        return sympy.Integer(int(rng.integers(self.low, self.high + 1)))

    def coerce(self, value: Any) -> sympy.Integer:
        expr = _real(read(value, self.name), self.name)
        if not expr.is_integer:
            raise DlexamError(f"expected an integer, got {exact_string(expr)}", where=self.name)
        return sympy.Integer(expr)

    def describe(self) -> dict[str, Any]:
        return {**super().describe(), "low": self.low, "high": self.high}


@dataclass(frozen=True)
class Rational(Param):
    """A simple fraction p/q with q among ``denominators`` and value in ``[low, high]``."""

    low: int = -3
    high: int = 3
    denominators: tuple[int, ...] = (1, 2, 4)
    kind: str = field(default="rational", init=False)

    def sample(self, rng: np.random.Generator) -> sympy.Rational:
        q = int(rng.choice(self.denominators))
        p = int(rng.integers(self.low * q, self.high * q + 1))
        return sympy.Rational(p, q)

    def coerce(self, value: Any) -> sympy.Rational:
        expr = _real(read(value, self.name), self.name)
        if not expr.is_rational:
            raise DlexamError(f"expected a fraction, got {exact_string(expr)}", where=self.name)
        return sympy.Rational(expr)

    def describe(self) -> dict[str, Any]:
        return {**super().describe(), "low": self.low, "high": self.high}


@dataclass(frozen=True)
class Decimal(Param):
    """A decimal with exactly ``digits`` digits after the point, kept exact as a rational."""

    low: float = 0.0
    high: float = 1.0
    digits: int = 1
    kind: str = field(default="decimal", init=False)

    def sample(self, rng: np.random.Generator) -> sympy.Rational:
        scale = 10**self.digits
        k = int(rng.integers(round(self.low * scale), round(self.high * scale) + 1))
        return sympy.Rational(k, scale)

    def coerce(self, value: Any) -> sympy.Rational:
        expr = _real(read(value, self.name), self.name)
        scaled = expr * 10**self.digits
        if not scaled.is_integer:
            raise DlexamError(
                f"expected at most {self.digits} decimals, got {exact_string(expr)}",
                where=self.name,
            )
        return sympy.Rational(expr)

    def describe(self) -> dict[str, Any]:
        return {**super().describe(), "low": self.low, "high": self.high, "digits": self.digits}


@dataclass(frozen=True)
class Real(Param):
    """Any exact real number (``pi/2``, ``sqrt(3)``), drawn from an explicit list of values."""

    values: tuple[str, ...] = ("0",)
    kind: str = field(default="real", init=False)

    def sample(self, rng: np.random.Generator) -> sympy.Expr:
        return self.coerce(self.values[int(rng.integers(len(self.values)))])

    def coerce(self, value: Any) -> sympy.Expr:
        return _real(read(value, self.name), self.name)


@dataclass(frozen=True)
class Vector(Param):
    """A list of ``length`` numbers; ``element`` samples each entry (default small integers).

    ``lengths`` (optional) lets the size itself vary between variants: a draw picks one of them
    and any of them is accepted, for questions whose dimension is part of what changes.
    """

    length: int = 2
    element: Param | None = None
    lengths: tuple[int, ...] = ()
    kind: str = field(default="vector", init=False)

    def _element(self) -> Param:
        return self.element or Integer(self.name, -3, 3)

    def _allowed(self) -> tuple[int, ...]:
        return self.lengths or (self.length,)

    def sample(self, rng: np.random.Generator) -> list[Any]:
        allowed = self._allowed()
        size = allowed[int(rng.integers(len(allowed)))] if self.lengths else self.length
        return [self._element().sample(rng) for _ in range(size)]

    def coerce(self, value: Any) -> list[Any]:
        value = read(value, self.name)
        if not isinstance(value, list) or any(isinstance(v, list) for v in value):
            raise DlexamError(f"expected a vector like [1, 2], got {value!r}", where=self.name)
        if len(value) not in self._allowed():
            wanted = " or ".join(str(n) for n in self._allowed())
            raise DlexamError(f"expected {wanted} entries, got {len(value)}", where=self.name)
        return [self._element().coerce(v) for v in value]

    def describe(self) -> dict[str, Any]:
        sizes = {"lengths": list(self.lengths)} if self.lengths else {"length": self.length}
        return {**super().describe(), **sizes, "element": self._element().kind}


@dataclass(frozen=True)
class Matrix(Param):
    """A ``rows`` x ``cols`` list of lists; ``element`` samples each entry."""

    rows: int = 2
    cols: int = 2
    element: Param | None = None
    kind: str = field(default="matrix", init=False)

    def _element(self) -> Param:
        return self.element or Integer(self.name, -3, 3)

    def sample(self, rng: np.random.Generator) -> list[list[Any]]:
        return [[self._element().sample(rng) for _ in range(self.cols)] for _ in range(self.rows)]

    def coerce(self, value: Any) -> list[list[Any]]:
        value = read(value, self.name)
        if (
            not isinstance(value, list)
            or len(value) != self.rows
            or any(not isinstance(row, list) or len(row) != self.cols for row in value)
        ):
            raise DlexamError(
                f"expected a {self.rows}x{self.cols} matrix like [[1, 2], [3, 4]]", where=self.name
            )
        return [[self._element().coerce(v) for v in row] for row in value]

    def describe(self) -> dict[str, Any]:
        return {**super().describe(), "rows": self.rows, "cols": self.cols}


@dataclass(frozen=True)
class Choice(Param):
    """One of a fixed list of options (a loss type, a precision, a layer kind)."""

    options: Sequence[Any] = ()
    kind: str = field(default="choice", init=False)

    def sample(self, rng: np.random.Generator) -> Any:
        return self.coerce(self.options[int(rng.integers(len(self.options)))])

    def coerce(self, value: Any) -> Any:
        for option in self.options:
            if value == option or str(value) == str(option):
                return sympy.Integer(option) if isinstance(option, int) else option
        raise DlexamError(
            f"expected one of {', '.join(map(str, self.options))}, got {value!r}", where=self.name
        )

    def describe(self) -> dict[str, Any]:
        return {**super().describe(), "options": [str(o) for o in self.options]}
