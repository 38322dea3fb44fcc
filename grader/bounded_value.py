"""The value of an expression tree at one point, in bounded work on any thread.

Expression answers are compared with their key at about forty points. sympy's ``evalf`` keeps
raising its precision and its exponents until it has 30 digits, so ``exp(exp(exp(exp(exp(H)))))``
at H = 1000 never finishes, and the only way to stop it is a ``SIGALRM`` timer, which works on
the main thread alone: a worker thread of ``dlexam serve`` could be hung by one posted answer.

Here the tree (built by dlexam's own parser from an allow-list, never by ``eval``, ``sympify`` or
``lambdify``) is walked once with mpmath at a fixed 100 bits (sympy's 30 digits), visiting at most
:data:`MAX_NODES` nodes. Arbitrary exponents keep ``exp(x)/(1 + exp(x))`` at x = 1000 exact where
floats would overflow; what makes evaluation slow is refused before it starts: ``exp`` of an
argument beyond :data:`MAX_EXP_ARGUMENT` (``exp(exp(exp(x)))`` at x = 1000) and trigonometry of
an argument beyond 2^:data:`MAX_TRIG_BITS` are :class:`TooLarge`. The module has its own mpmath
context with a precision it never changes, so threads do not disturb each other.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

import mpmath
import sympy

from generator.sigmoid import sigmoid

MAX_NODES = 5000  # the parser's 2000-character limit gives far fewer; a guard, not a tuning knob
MAX_EXP_ARGUMENT = 10**9  # e^(10^9) still has a float exponent; exp(exp(1000)) does not
MAX_TRIG_BITS = 4096  # argument reduction of sin(2^4096) costs ~4096 bits of working precision

_MP = mpmath.MPContext()
_MP.prec = 100


class Undefined(ArithmeticError):
    """The expression has no value at the point (a division by zero, the log of zero)."""


class TooLarge(ArithmeticError):
    """A value (or a step towards it) is too large to compute in bounded work, or the tree is."""


def _exp(z: Any) -> Any:
    if z.real > MAX_EXP_ARGUMENT or abs(z.imag) > 2**MAX_TRIG_BITS:
        raise TooLarge("exp of a too large argument")
    if z.real < -MAX_EXP_ARGUMENT:
        return _MP.mpc(0)
    return _MP.exp(z)


def _log(z: Any) -> Any:
    if z == 0:
        raise Undefined("log(0)")
    return _MP.log(z)


def _trig(function: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def bounded(z: Any) -> Any:
        if abs(z.real) > 2**MAX_TRIG_BITS or abs(z.imag) > MAX_EXP_ARGUMENT:
            raise TooLarge("trigonometry of a too large argument")
        return function(z)

    return bounded


def _tanh(z: Any) -> Any:
    if abs(z.real) > 200:  # tanh is ±1 to far beyond 100 bits there, whatever the imaginary part
        return _MP.mpc(_MP.sign(z.real))
    return _trig(_MP.tanh)(z)


def _logistic(z: Any) -> Any:
    return 1 / (1 + _exp(-z))


_FUNCTIONS: dict[type, Callable[[Any], Any]] = {
    sympy.exp: _exp,
    sympy.log: _log,
    sympy.sin: _trig(_MP.sin),
    sympy.cos: _trig(_MP.cos),
    sympy.tan: _trig(_MP.tan),
    sympy.tanh: _tanh,
    sympy.Abs: lambda z: _MP.mpc(abs(z)),
    sigmoid: _logistic,
}


def value_at(expr: sympy.Expr, point: Mapping[sympy.Symbol, sympy.Rational]) -> complex:
    """``expr`` at ``point``, as a Python complex.

    Raises :class:`Undefined` (no value there), or :class:`TooLarge` for a value too large to
    compute or to hold in a float, a tree larger than :data:`MAX_NODES` or a node outside the
    parser's grammar.
    """
    budget = [MAX_NODES]
    try:
        value = _walk(expr, point, budget, {})
        result = complex(value)
    except ZeroDivisionError as undefined:
        raise Undefined(str(undefined)) from None
    except OverflowError as overflow:
        raise TooLarge(str(overflow)) from None
    if not (math.isfinite(result.real) and math.isfinite(result.imag)):
        raise TooLarge("not a finite float")
    return result


def _walk(
    node: sympy.Basic,
    point: Mapping[sympy.Symbol, sympy.Rational],
    budget: list[int],
    seen: dict[sympy.Basic, Any],
) -> Any:
    if node in seen:
        return seen[node]
    budget[0] -= 1
    if budget[0] < 0:
        raise TooLarge(f"more than {MAX_NODES} nodes")
    if node.is_Symbol:
        node = point[node]
    if node in (sympy.oo, -sympy.oo, sympy.zoo, sympy.nan):
        raise Undefined("an infinite or undefined constant")
    if node.is_Rational:
        value = _MP.mpc(_MP.mpf(int(node.p)) / int(node.q))
    elif node.is_Float or node.is_NumberSymbol:
        value = _MP.mpc(_MP.mpf(node.evalf(35)))
    elif node is sympy.I:
        value = _MP.mpc(0, 1)
    elif node.is_Add:
        value = _MP.fsum(_walk(arg, point, budget, seen) for arg in node.args)
    elif node.is_Mul:
        value = _MP.fprod(_walk(arg, point, budget, seen) for arg in node.args)
    elif node.is_Pow:
        value = _power(
            _walk(node.args[0], point, budget, seen),
            node.args[1],
            _walk(node.args[1], point, budget, seen),
        )
    elif type(node) in _FUNCTIONS:
        value = _FUNCTIONS[type(node)](_walk(node.args[0], point, budget, seen))
    else:
        raise TooLarge(f"no rule for {type(node).__name__}")
    seen[node] = value
    return value


def _power(base: Any, exponent_node: sympy.Basic, exponent: Any) -> Any:
    """Integer powers by multiplication (``(-2)^3`` is -8, not -8 + 1e-30 i), others on the
    principal branch as sympy takes them (``(-4)^(1/2)`` = 2i), after a size check."""
    if base == 0:
        if exponent.real > 0:
            return _MP.mpc(0)
        raise Undefined("0 to a power that is not positive")
    size = (exponent * _MP.log(base)).real  # log |result|
    if size > MAX_EXP_ARGUMENT:
        raise TooLarge("a too large power")
    if exponent_node.is_Integer:
        return base ** int(exponent_node)
    return _exp(exponent * _MP.log(base))
