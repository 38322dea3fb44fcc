"""Exact forward pass of the scalar RNN / LSTM, one quantity per value a student writes down.

Step t (weights of step t, h_0 = s_0 = 0):
    z_t = U_t x_t + W_t h_(t-1),  candidate_t = g(z_t)
    RNN:  s_t = h_t = candidate_t
    LSTM: o_t, i_t, f_t = sigma(W_gate,t h_(t-1) + U_gate,t x_t)
          s_t = f_t s_(t-1) + i_t candidate_t,  h_t = o_t g(s_t)
    y_t = ReLU(V_t h_t)
Every step names the previous step's s and h, so a student's own s_1 carries into h_1, y_1 and
step 2 (follow-through).

Values are sympy Floats with DIGITS significant digits, not closed forms: the exact LSTM state of
step 3 nests sigmoids of sigmoids four ways per step, takes sympy about half a minute to build and
is longer than the 2000 characters the grader reads back from keys.json. Forty digits are far
beyond any tolerance and keep every key readable; templates show four decimals.
"""

from __future__ import annotations

from typing import Any

import mpmath
import sympy

from generator.dag import quantity

DIGITS = 40
ZERO = sympy.Integer(0)


def _real(value: Any) -> sympy.Float:
    """A parameter or a student's value as a DIGITS-digit Float (keeps exp/tanh numeric)."""
    return sympy.Float(value, DIGITS)


def _mp(function: Any, z: Any) -> sympy.Float:
    """``function`` of the Float z in mpmath (sympy's exp/tanh machinery is ten times slower)."""
    with mpmath.workdps(DIGITS + 10):
        return sympy.Float(function(mpmath.mpf(_real(z)._mpf_)), DIGITS)


def _sigmoid(z: Any) -> sympy.Float:
    return _mp(lambda v: 1 / (1 + mpmath.exp(-v)), z)


def _squash(name: str, z: Any) -> sympy.Float:
    return _mp(mpmath.tanh, z) if name == "tanh" else _sigmoid(z)


def _gates(cell: str, t: int, x: Any, h_prev: Any, weights: dict[str, list[Any]]) -> list[Any]:
    """[o_t, i_t, f_t] of an LSTM (empty for a vanilla RNN)."""
    if cell == "rnn":
        return []
    return [
        _sigmoid(_real(weights["W" + g][t]) * _real(h_prev) + _real(weights["U" + g][t]) * x[t])
        for g in "oif"
    ]


def _state(cell: str, candidate: Any, gates: list[Any], s_prev: Any) -> Any:
    if cell == "rnn":
        return candidate
    _, i, f = gates
    return f * _real(s_prev) + i * candidate


def _hidden(cell: str, squash: str, s: Any, gates: list[Any]) -> Any:
    return s if cell == "rnn" else gates[0] * _squash(squash, _real(s))


def _relu(z: Any) -> Any:
    return z if z > 0 else ZERO


# -- step 1 (h_0 = s_0 = 0) ---------------------------------------------------------------------
@quantity
def z1(x: list[Any], U: list[Any]) -> Any:
    return _real(U[0]) * x[0]


@quantity
def gates1(
    cell: str, x: list[Any], Wo: Any, Uo: Any, Wi: Any, Ui: Any, Wf: Any, Uf: Any
) -> list[Any]:
    return _gates(cell, 0, x, ZERO, {"Wo": Wo, "Uo": Uo, "Wi": Wi, "Ui": Ui, "Wf": Wf, "Uf": Uf})


@quantity
def candidate1(squash: str, z1: Any) -> Any:
    return _squash(squash, z1)


@quantity
def s1(cell: str, candidate1: Any, gates1: list[Any]) -> Any:
    return _state(cell, candidate1, gates1, ZERO)


@quantity
def h1(cell: str, squash: str, s1: Any, gates1: list[Any]) -> Any:
    return _hidden(cell, squash, s1, gates1)


@quantity
def y1(V: list[Any], h1: Any) -> Any:
    return _relu(_real(V[0]) * _real(h1))


# -- step 2 ---------------------------------------------------------------------------------------
@quantity
def z2(x: list[Any], U: list[Any], W: list[Any], h1: Any) -> Any:
    return _real(U[1]) * x[1] + _real(W[1]) * _real(h1)


@quantity
def gates2(
    cell: str, x: list[Any], h1: Any, Wo: Any, Uo: Any, Wi: Any, Ui: Any, Wf: Any, Uf: Any
) -> list[Any]:
    return _gates(cell, 1, x, h1, {"Wo": Wo, "Uo": Uo, "Wi": Wi, "Ui": Ui, "Wf": Wf, "Uf": Uf})


@quantity
def candidate2(squash: str, z2: Any) -> Any:
    return _squash(squash, z2)


@quantity
def s2(cell: str, candidate2: Any, gates2: list[Any], s1: Any) -> Any:
    return _state(cell, candidate2, gates2, s1)


@quantity
def h2(cell: str, squash: str, s2: Any, gates2: list[Any]) -> Any:
    return _hidden(cell, squash, s2, gates2)


@quantity
def y2(V: list[Any], h2: Any) -> Any:
    return _relu(_real(V[1]) * _real(h2))


# -- step 3 ---------------------------------------------------------------------------------------
@quantity
def z3(x: list[Any], U: list[Any], W: list[Any], h2: Any) -> Any:
    return _real(U[2]) * x[2] + _real(W[2]) * _real(h2)


@quantity
def gates3(
    cell: str, x: list[Any], h2: Any, Wo: Any, Uo: Any, Wi: Any, Ui: Any, Wf: Any, Uf: Any
) -> list[Any]:
    return _gates(cell, 2, x, h2, {"Wo": Wo, "Uo": Uo, "Wi": Wi, "Ui": Ui, "Wf": Wf, "Uf": Uf})


@quantity
def candidate3(squash: str, z3: Any) -> Any:
    return _squash(squash, z3)


@quantity
def s3(cell: str, candidate3: Any, gates3: list[Any], s2: Any) -> Any:
    return _state(cell, candidate3, gates3, s2)


@quantity
def h3(cell: str, squash: str, s3: Any, gates3: list[Any]) -> Any:
    return _hidden(cell, squash, s3, gates3)


@quantity
def y3(V: list[Any], h3: Any) -> Any:
    return _relu(_real(V[2]) * _real(h3))
