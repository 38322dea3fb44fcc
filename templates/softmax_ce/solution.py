"""Softmax, cross-entropy and the gradient p − y, exact in sympy.

p_k = e^{z_k} / Σ_j e^{z_j};  L = −Σ_k y_k ln p_k = −ln p_c for the one-hot label of class c.
∂L/∂z_j = Σ_k (∂L/∂p_k)(∂p_k/∂z_j) = Σ_k (−y_k/p_k) p_k(δ_kj − p_j) = p_j Σ_k y_k − y_j = p_j − y_j.
The 2023-24 paper prints ∂L/∂Z_k = −y_k(1 − ŷ_k): it keeps only the k = j term of the softmax
Jacobian, which is right for the true class and gives 0 instead of p_j for every other class.
For a sigmoid output a = σ(z) with BCE, ∂L/∂z = (−y/a + (1 − y)/(1 − a)) a(1 − a) = a − y.
"""

from __future__ import annotations

from typing import Any

import sympy

from generator.dag import quantity


def logits_of(p: dict[str, Any]) -> list[Any]:
    """z = W a + b for the dense layer, else the given logits (params.py screens with it too)."""
    if p["layer"] == "logits":
        return list(p["logits"])
    return [
        sum((w * x for w, x in zip(row, p["a"], strict=True)), sympy.Integer(0)) + bias
        for row, bias in zip(p["W"], p["b"], strict=True)
    ]


def _softmax(z: list[Any]) -> list[sympy.Expr]:
    """Scaled by e^{-max z} so the printed ratios stay small (e^{-2}/(...) rather than e^{10})."""
    top = max(z)
    exps = [sympy.exp(zk - top) for zk in z]
    total = sum(exps)
    return [e / total for e in exps]


@quantity
def z(layer: str, a: list[Any], W: list[list[Any]], b: list[Any], logits: list[Any]) -> list[Any]:
    return logits_of({"layer": layer, "a": a, "W": W, "b": b, "logits": logits})


@quantity
def n_classes(z: list[Any]) -> int:
    return len(z)


@quantity
def exps(z: list[Any]) -> list[sympy.Expr]:
    """e^{z_k}, for the worked solution."""
    return [sympy.exp(zk) for zk in z]


@quantity
def probs(z: list[Any]) -> list[sympy.Expr]:
    return _softmax(z)


@quantity
def predicted(z: list[Any]) -> int:
    """The 1-based class with the largest logit (unique: ties are excluded by the constraints)."""
    return z.index(max(z)) + 1


@quantity
def p_max(probs: list[Any], predicted: int) -> sympy.Expr:
    return probs[predicted - 1]


@quantity
def p_difference(probs: list[Any], first: Any, second: Any) -> sympy.Expr:
    return probs[int(first) - 1] - probs[int(second) - 1]


@quantity
def one_hot(n_classes: int, label: Any) -> list[sympy.Integer]:
    return [sympy.Integer(1 if k + 1 == label else 0) for k in range(n_classes)]


@quantity
def ce_loss(probs: list[Any], label: Any) -> sympy.Expr:
    """−ln p_c, written ln(Σ_j e^{z_j − z_max}) − (z_c − z_max) by expanding the log."""
    return sympy.expand_log(-sympy.log(probs[int(label) - 1]), force=True)


@quantity
def grad_z(probs: list[Any], one_hot: list[Any]) -> list[sympy.Expr]:
    return [pk - yk for pk, yk in zip(probs, one_hot, strict=True)]


@quantity
def derivative_3class(wrt: Any, true3: Any) -> sympy.Expr:
    """∂L/∂z_j = p_j − y_j written in the logits z1, z2, z3."""
    zs = sympy.symbols("z1 z2 z3")
    p_j = sympy.exp(zs[int(wrt) - 1]) / sum(sympy.exp(zk) for zk in zs)
    return p_j - (1 if wrt == true3 else 0)


@quantity
def derivative_bce(temperature: Any) -> sympy.Expr:
    """∂L/∂z = (σ(z/T) − y)/T for L = −[y ln a + (1 − y) ln(1 − a)], a = σ(z/T)."""
    z_, y_ = sympy.symbols("z y")
    return (1 / (1 + sympy.exp(-z_ / temperature)) - y_) / temperature


@quantity
def uniform_loss(classes: Any) -> sympy.Expr:
    return sympy.log(classes)
