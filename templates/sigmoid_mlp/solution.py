"""Forward pass, squared error, L2 penalty, backprop and one weight-decay step, all exact.

Network: z_i = w_i x + b_i, h_i = σ(z_i) (i = 1, 2); ŷ = σ(w₃h₁ + w₄h₂ + b₃).
Loss: E = ½(d − ŷ)² as the source writes it; L = E + λ(w₁² + w₂² + w₃² + w₄²), biases unpenalized
(the source's λ‖w²‖ sums 0.5² + 0.6² + 0.7² + 0.8² = 1.74, weights only).
Backprop: δ = ∂E/∂(output pre-activation) = (ŷ − d) ŷ(1 − ŷ); ∂E/∂w₃ = δ h₁, ∂E/∂w₄ = δ h₂,
∂E/∂w₁ = δ w₃ h₁(1 − h₁) x, ∂E/∂w₂ = δ w₄ h₂(1 − h₂) x. The step on L is w − η(∂E/∂w + 2λw):
the penalty shrinks every weight by the factor (1 − 2ηλ) before the data gradient acts.
"""

from __future__ import annotations

from typing import Any

import sympy

from generator.dag import quantity
from generator.sigmoid import sigmoid


@quantity
def weights(w_in: list[Any], w_out: list[Any]) -> list[Any]:
    """[w1, w2, w3, w4], the order every vector answer uses."""
    return [*w_in, *w_out]


@quantity
def z_h(x: Any, w_in: list[Any], b_h: list[Any]) -> list[Any]:
    return [w * x + b for w, b in zip(w_in, b_h, strict=True)]


@quantity
def h(z_h: list[Any]) -> list[sympy.Expr]:
    return [sigmoid(z) for z in z_h]


@quantity
def z_out(h: list[Any], w_out: list[Any], b_out: Any) -> sympy.Expr:
    return w_out[0] * h[0] + w_out[1] * h[1] + b_out


@quantity
def y_hat(z_out: sympy.Expr) -> sympy.Expr:
    return sigmoid(z_out)


@quantity
def error(d: Any, y_hat: sympy.Expr) -> sympy.Expr:
    return (d - y_hat) ** 2 / 2


@quantity
def error_without_half(error: sympy.Expr) -> sympy.Expr:
    """(d − ŷ)², the loss without the ½ the question states (partial credit)."""
    return 2 * error


@quantity
def penalty(weights: list[Any]) -> Any:
    """w₁² + w₂² + w₃² + w₄², the factor of λ in L."""
    return sum(w**2 for w in weights)


@quantity
def loss_reg(error: sympy.Expr, lam: Any, penalty: Any) -> sympy.Expr:
    return error + lam * penalty


@quantity
def loss_reg_with_biases(loss_reg: sympy.Expr, lam: Any, b_h: list[Any], b_out: Any) -> sympy.Expr:
    """The regularized loss with the biases penalized too (partial credit)."""
    return loss_reg + lam * (b_h[0] ** 2 + b_h[1] ** 2 + b_out**2)


@quantity
def delta_out(d: Any, y_hat: sympy.Expr) -> sympy.Expr:
    """∂E/∂(output pre-activation) = (ŷ − d) σ'(z) with σ' = ŷ(1 − ŷ)."""
    return (y_hat - d) * y_hat * (1 - y_hat)


@quantity
def delta_h(delta_out: sympy.Expr, w_out: list[Any], h: list[Any]) -> list[sympy.Expr]:
    """∂E/∂z_i for the hidden pre-activations: δ w_{i+2} h_i (1 − h_i)."""
    return [delta_out * w * hi * (1 - hi) for w, hi in zip(w_out, h, strict=True)]


@quantity
def grad_error(delta_out: sympy.Expr, delta_h: list[Any], h: list[Any], x: Any) -> list[sympy.Expr]:
    return [delta_h[0] * x, delta_h[1] * x, delta_out * h[0], delta_out * h[1]]


@quantity
def grad_penalty(lam: Any, weights: list[Any]) -> list[Any]:
    """∂(λ Σ w²)/∂w = 2λw."""
    return [2 * lam * w for w in weights]


@quantity
def grad_loss(grad_error: list[Any], grad_penalty: list[Any]) -> list[sympy.Expr]:
    return [g + r for g, r in zip(grad_error, grad_penalty, strict=True)]


@quantity
def decay_factor(lam: Any, lr: Any) -> Any:
    """1 − 2ηλ: how much the penalty alone shrinks each weight per step."""
    return 1 - 2 * lr * lam


@quantity
def w_new(weights: list[Any], lr: Any, grad_loss: list[Any]) -> list[sympy.Expr]:
    return [w - lr * g for w, g in zip(weights, grad_loss, strict=True)]
