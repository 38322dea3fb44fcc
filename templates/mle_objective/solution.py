"""The negative log-likelihood of N independent samples is the sum of -log p(y_i | x_i, w, b).

With residual r = w x + sign * b - y:
Laplace   p = exp(-|r| / s) / (2 s)            -> -log p = |r| / s + log(2 s)
Gaussian  p = exp(-r^2 / (2 s)) / sqrt(2 pi s) -> -log p = r^2 / (2 s) + log(2 pi s) / 2
exponential p = (x w / s) exp(-x w y / s)      -> -log p = x w y / s - log w - log(x / s)
Dropping the terms that depend on neither w nor b leaves the per-sample term l. Laplace is least
absolute deviations, Gaussian least squares; for the exponential model d/dw sum_i l_i
= sum_i x_i y_i / s - N / w = 0 gives the closed form w = s N / sum_i x_i y_i.
"""

from __future__ import annotations

import sympy

from generator.dag import quantity

W, B, X, Y = sympy.symbols("w b x y")
LETTERS = "ABCD"
ORDER = ("laplace", "gaussian", "exponential")  # options A, B, C name these models' problems


@quantity
def symbol_domains(density: str) -> dict[str, str]:
    """The exponential model states y > 0, x > 0 and w > 0; the others let every symbol be real."""
    return {"w": "positive", "x": "positive", "y": "positive"} if density == "exponential" else {}


@quantity
def residual(sign: sympy.Integer) -> sympy.Expr:
    return W * X + sign * B - Y


@quantity
def ell(density: str, s: sympy.Rational, residual: sympy.Expr) -> sympy.Expr:
    if density == "laplace":
        return sympy.Abs(residual) / s
    if density == "gaussian":
        return residual**2 / (2 * s)
    return X * W * Y / s - sympy.log(W)


@quantity
def constant(density: str, s: sympy.Rational) -> sympy.Expr:
    """The dropped additive term of -log p (it depends on neither w nor b)."""
    if density == "laplace":
        return sympy.log(2 * s)
    if density == "gaussian":
        return sympy.log(2 * sympy.pi * s) / 2
    return -sympy.log(X / s)


@quantity
def nll(ell: sympy.Expr, constant: sympy.Expr) -> sympy.Expr:
    return ell + constant


@quantity
def log_likelihood(nll: sympy.Expr) -> sympy.Expr:
    return -nll


@quantity
def residual_tex(sign: sympy.Integer) -> str:
    """The residual written in the order of the source, w x + b - y (sympy would reorder it)."""
    return "w x " + ("+" if sign > 0 else "-") + " b - y"


def _times(factor: sympy.Expr, body: str) -> str:
    """``factor body`` in LaTeX, without a factor of 1."""
    return body if factor == 1 else f"{sympy.latex(factor)} {body}"


@quantity
def density_tex(density: str, s: sympy.Rational, residual_tex: str) -> str:
    """p(y | x, w, b) as printed in the question, in the source's order of terms."""
    if density == "laplace":
        energy = _times(1 / s, rf"\left|{residual_tex}\right|")
        return _times(1 / (2 * s), rf"\exp\left(-{energy}\right)")
    if density == "gaussian":
        energy = _times(1 / (2 * s), rf"\left({residual_tex}\right)^2")
        root = _times(2 * s, r"\pi")
        return rf"\frac{{1}}{{\sqrt{{{root}}}}} \exp\left(-{energy}\right)"
    rate = _times(1 / s, "x w")
    return rf"{rate} \exp\left(-{_times(1 / s, 'x w y')}\right)"


@quantity
def ell_tex(density: str, s: sympy.Rational, residual_tex: str) -> str:
    """The key in the source's order of terms, for the worked solution."""
    if density == "laplace":
        return _times(1 / s, rf"\left|{residual_tex}\right|")
    if density == "gaussian":
        return _times(1 / (2 * s), rf"\left({residual_tex}\right)^2")
    return _times(1 / s, "x w y") + r" - \log w"


@quantity
def simplified_options(s: sympy.Rational, residual_tex: str) -> list[str]:
    r = residual_tex.replace("x", "x_i").replace("y", "y_i")
    n_over = sympy.latex(s * sympy.Symbol("N"))
    return [
        rf"$\min_{{w, b}} \sum_i \left|{r}\right|$ (least absolute deviations)",
        rf"$\min_{{w, b}} \sum_i \left({r}\right)^2$ (least squares)",
        rf"$\hat w = {n_over} \big/ \sum_i x_i y_i$ (closed form)",
        rf"$\max_{{w, b}} \sum_i \left({r}\right)^2$ (largest residuals)",
    ]


@quantity
def simplified_key(density: str) -> str:
    return LETTERS[ORDER.index(density)]
