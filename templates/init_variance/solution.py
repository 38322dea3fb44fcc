"""Fan-in n_in (inputs per output unit) and fan-out n_out (outputs each input feeds).

Fully connected: n_in = H W C, n_out = units. Convolution: n_in = k^2 C_in, n_out = k^2 C_out.
Xavier keeps Var(w) n_in = 1 (the lecture's 1/n_in; Glorot's fan average is accepted), He doubles
it for ReLU, which zeroes half of its inputs on average.
"""

from __future__ import annotations

import sympy

from generator.dag import quantity


@quantity
def fan_in(
    layer: str, height: sympy.Integer, channels: sympy.Integer, kernel: sympy.Integer
) -> sympy.Integer:
    return height**2 * channels if layer == "fc" else kernel**2 * channels


@quantity
def fan_out(layer: str, units: sympy.Integer, kernel: sympy.Integer) -> sympy.Integer:
    return units if layer == "fc" else kernel**2 * units


@quantity
def xavier_var(fan_in: sympy.Integer) -> sympy.Expr:
    return sympy.Rational(1, fan_in)


@quantity
def glorot_var(fan_in: sympy.Integer, fan_out: sympy.Integer) -> sympy.Expr:
    return sympy.Rational(2, fan_in + fan_out)


@quantity
def he_var(xavier_var: sympy.Expr) -> sympy.Expr:
    return 2 * xavier_var


@quantity
def glorot_bound(fan_in: sympy.Integer, fan_out: sympy.Integer) -> sympy.Expr:
    return sympy.sqrt(sympy.Rational(6, fan_in + fan_out))


@quantity
def he_std(he_var: sympy.Expr) -> sympy.Expr:
    return sympy.sqrt(he_var)
