"""σ(z) = 1/(1 + e^(−z)) as one exact sympy function node.

Written out as ``1/(1 + exp(-z))``, a key that nests sigmoids (a hidden layer feeding an output
unit, then the backprop products that repeat ŷ and h several times) is a large tree, and sympy's
evalf walks it again for every repeated copy and every precision retry: 0.1 s per variant. As a
node, σ(z) keeps the key exact and short (``sigmoid(19/40)``, which ``generator.mathtext`` reads
back) and prints as σ(·); its value at a given precision is computed once and memoized.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import mpmath
import sympy
from sympy.core.evalf import evalf


class _RealFloat(sympy.Float):
    """σ's value: a Float that reports its real part without building re(·) and im(·) nodes.

    sympy's evalf asks a function's value for ``as_real_imag()``; on a plain Float that creates
    two cached function objects, which was half the cost of cross-checking a key.
    """

    def as_real_imag(self, deep: bool = True, **hints: Any) -> tuple[sympy.Expr, sympy.Expr]:
        return self, sympy.S.Zero


@lru_cache(maxsize=4096)
def _value(argument: sympy.Expr, prec: int) -> sympy.Float | None:
    """σ(argument) to ``prec`` bits; σ' ≤ 1/4, so the argument's precision carries over."""
    real, imaginary, _, _ = evalf(argument, prec, {})
    if imaginary:
        return None
    with mpmath.workprec(prec):
        result = 1 / (1 + mpmath.exp(-mpmath.mpf(real or 0)))
    return _RealFloat._new(result._mpf_, prec)


class sigmoid(sympy.Function):  # lower case: keys read "sigmoid(...)", as mathtext does
    """The logistic function; exact, real, in (0, 1) for every real argument."""

    @classmethod
    def eval(cls, z: sympy.Expr) -> sympy.Expr | None:
        # structural test only: an assumption query on a nested argument costs milliseconds
        return sympy.Rational(1, 2) if z == 0 else None

    def fdiff(self, argindex: int = 1) -> sympy.Expr:
        return self * (1 - self)

    def _eval_evalf(self, prec: int) -> sympy.Float | None:
        return _value(self.args[0], prec)

    def _eval_is_real(self) -> bool | None:
        return self.args[0].is_real

    def _eval_is_positive(self) -> bool | None:
        return self.args[0].is_real

    def _latex(self, printer: Any, exp: str | None = None) -> str:
        """``\\sigma(z)``; sympy passes ``exp`` when it prints a power such as ``σ(z)^2``."""
        text = rf"\sigma\left({printer._print(self.args[0])}\right)"
        return text if exp is None else rf"{text}^{{{exp}}}"


def sigmoid_exp(value: Any) -> sympy.Expr:
    """The same value written with exp, for checks that σ(z) is 1/(1 + e^(−z))."""
    return value.replace(sigmoid, lambda z: 1 / (1 + sympy.exp(-z)))
