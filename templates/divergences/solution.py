"""KL(P || Q) = sum_x P log(P / Q) (0 log 0 = 0; +oo when P > 0 = Q); JS = (KL(P||M) + KL(Q||M))/2.

M = (P + Q)/2 is positive wherever P or Q is, so JS is always finite (at most log 2). The question
fixes the base; the other two bases are alternatives because the source rubric accepts any.
"""

from __future__ import annotations

from typing import Any

import sympy

from generator.dag import quantity

BASES = {"2": sympy.Integer(2), "e": sympy.E, "10": sympy.Integer(10)}


def kl(p: list[Any], q: list[Any], base: str) -> sympy.Expr:
    """KL(p || q) in the given base, exactly; sympy.oo when p is not covered by q."""
    if any(pi > 0 and qi == 0 for pi, qi in zip(p, q, strict=True)):
        return sympy.oo
    nats = sympy.Add(*(pi * sympy.log(pi / qi) for pi, qi in zip(p, q, strict=True) if pi > 0))
    return sympy.expand_log(nats / sympy.log(BASES[base]), force=True)


def _others(base: str) -> list[str]:
    return [b for b in BASES if b != base]


@quantity
def other_bases(base: str) -> list[str]:
    """The two bases the alternatives use, in the order of the ``*_other``/``*_third`` keys."""
    return _others(base)


@quantity
def mixture(P: list[Any], Q: list[Any]) -> list[Any]:
    return [(p + q) / 2 for p, q in zip(P, Q, strict=True)]


@quantity
def kl_pq(P: list[Any], Q: list[Any], base: str) -> sympy.Expr:
    return kl(P, Q, base)


@quantity
def kl_qp(P: list[Any], Q: list[Any], base: str) -> sympy.Expr:
    return kl(Q, P, base)


@quantity
def kl_pm(P: list[Any], mixture: list[Any], base: str) -> sympy.Expr:
    return kl(P, mixture, base)


@quantity
def kl_qm(Q: list[Any], mixture: list[Any], base: str) -> sympy.Expr:
    return kl(Q, mixture, base)


@quantity
def js(kl_pm: sympy.Expr, kl_qm: sympy.Expr) -> sympy.Expr:
    return (kl_pm + kl_qm) / 2


def _rebased(value: sympy.Expr, base: str, other: str) -> sympy.Expr:
    """The same divergence in another base: multiply by log(base) / log(other)."""
    if value == sympy.oo:
        return value
    return sympy.expand_log(value * sympy.log(BASES[base]) / sympy.log(BASES[other]), force=True)


@quantity
def kl_pq_other(kl_pq: sympy.Expr, base: str) -> sympy.Expr:
    return _rebased(kl_pq, base, _others(base)[0])


@quantity
def kl_pq_third(kl_pq: sympy.Expr, base: str) -> sympy.Expr:
    return _rebased(kl_pq, base, _others(base)[1])


@quantity
def kl_qp_other(kl_qp: sympy.Expr, base: str) -> sympy.Expr:
    return _rebased(kl_qp, base, _others(base)[0])


@quantity
def kl_qp_third(kl_qp: sympy.Expr, base: str) -> sympy.Expr:
    return _rebased(kl_qp, base, _others(base)[1])


@quantity
def js_other(js: sympy.Expr, base: str) -> sympy.Expr:
    return _rebased(js, base, _others(base)[0])


@quantity
def js_third(js: sympy.Expr, base: str) -> sympy.Expr:
    return _rebased(js, base, _others(base)[1])
