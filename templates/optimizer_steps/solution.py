"""Two optimizer steps, each computed from the previous weights and the optimizer's state.

Update rules (stated in the question; gradients g_t are taken at w^{t-1}, all operations per
component):

* sgd:       w^t = w^{t-1} - eta g_t
* momentum:  v_t = beta v_{t-1} + eta g_t, v_0 = 0;  w^t = w^{t-1} - v_t
* adam:      m_t = b1 m_{t-1} + (1 - b1) g_t, s_t = b2 s_{t-1} + (1 - b2) g_t^2, m_0 = s_0 = 0;
             w^t = w^{t-1} - eta m^_t / sqrt(s^_t) with m^_t = m_t / (1 - b1^t),
             s^_t = s_t / (1 - b2^t) (epsilon negligible, left out); adam_nobc uses m_t and
             s_t themselves
* rprop:     (Rprop without weight backtracking) Delta_1 = Delta_0;
             Delta_t = eta+ Delta_{t-1} if g_t g_{t-1} > 0, eta- Delta_{t-1} if < 0, else kept;
             w^t = w^{t-1} - sign(g_t) Delta_t

w^2 is computed from w^1 (the student's answer to (b) under follow-through) and the state after
the first step, which depends only on the first gradient.
"""

from __future__ import annotations

import decimal
from typing import Any

import sympy

from generator.dag import quantity
from generator.formatting import Latex

W1, W2 = sympy.symbols("w1 w2")
SIGN_DIGITS = 50

State = dict[str, list[Any]]


def _sigmoid(z: sympy.Expr) -> sympy.Expr:
    return 1 / (1 + sympy.exp(-z))


def _sign(value: sympy.Expr) -> int:
    """The sign of an exact number; exp-terms of the neuron are decided at 50 digits."""
    if value.is_Rational:
        return int(sympy.sign(value))
    return int(sympy.sign(sympy.N(value, SIGN_DIGITS)))


@quantity
def objective_expr(
    objective: str, coeffs: list[list[Any]], const: Any, x: Any, y: Any
) -> sympy.Expr:
    """The loss in the symbols w1, w2 (for the neuron: w1 = w, w2 = b), printed in the question."""
    if objective == "neuron":
        yhat = sympy.Symbol(r"\hat{y}")
        return -(y * sympy.log(yhat) + (1 - y) * sympy.log(1 - yhat))
    terms = [
        c3 * w**3 + c2 * w**2 + c1 * w for (c3, c2, c1), w in zip(coeffs, (W1, W2), strict=True)
    ]
    return sympy.Add(*terms) + const


def gradient(objective: str, coeffs: list[list[Any]], x: Any, y: Any, w: list[Any]) -> list[Any]:
    """dL/dw at w: the derivative of the polynomial, or (sigma(w x + b) - y) [x, 1] for BCE."""
    if objective == "neuron":
        error = _sigmoid(w[0] * x + w[1]) - y
        return [error * x, error]
    return [3 * c3 * v**2 + 2 * c2 * v + c1 for (c3, c2, c1), v in zip(coeffs, w, strict=True)]


def _adam_step(lr: Any, mhat: Any, shat: Any) -> Any:
    """eta m^ / sqrt(s^), with Adam's epsilon left out as the question says, the way a course
    does: it only guards the division, and 1e-8 next to sqrt(s^) changes no digit a student
    writes but turns 9/5 into 2880000002/1600000001. Where s^ = 0 (every gradient so far zero)
    epsilon is what Adam divides by, and the step is 0/epsilon = 0."""
    if shat == 0:
        return sympy.Integer(0)
    return lr * sympy.cancel(mhat / sympy.sqrt(shat))  # the first step is exactly eta sign(g)


def update(optimizer: str, hyper: dict[str, Any], state: State, grad: list[Any], t: int) -> State:
    """One step's new state; ``state["step"]`` is what is subtracted from the weights."""
    lr, b1, b2 = hyper["lr"], hyper["beta1"], hyper["beta2"]
    if optimizer == "sgd":
        return {"step": [lr * g for g in grad]}
    if optimizer == "momentum":
        velocity = [b1 * v + lr * g for v, g in zip(state["v"], grad, strict=True)]
        return {"v": velocity, "step": velocity}
    if optimizer in ("adam", "adam_nobc"):
        m = [b1 * m + (1 - b1) * g for m, g in zip(state["m"], grad, strict=True)]
        s = [b2 * s + (1 - b2) * g**2 for s, g in zip(state["s"], grad, strict=True)]
        c1, c2 = (1 - b1**t, 1 - b2**t) if optimizer == "adam" else (1, 1)
        step = [_adam_step(lr, mi / c1, si / c2) for mi, si in zip(m, s, strict=True)]
        return {
            "m": m,
            "s": s,
            "mhat": [mi / c1 for mi in m],
            "shat": [si / c2 for si in s],
            "step": step,
        }
    signs = [_sign(g) for g in grad]
    delta = [
        d * (hyper["grow"] if g * p > 0 else hyper["shrink"] if g * p < 0 else 1)
        for d, g, p in zip(state["delta"], signs, state["signs"], strict=True)
    ]
    return {
        "delta": delta,
        "signs": signs,
        "step": [g * d for g, d in zip(signs, delta, strict=True)],
    }


def _decimal(value: Any) -> Latex:
    """A terminating fraction as the decimal the source prints (0.01, not 1/100)."""
    exact = decimal.Decimal(int(value.p)) / decimal.Decimal(int(value.q))
    return Latex(format(exact.normalize(), "f"))


@quantity
def shown(
    lr: Any,
    beta1: Any,
    beta2: Any,
    step0: Any,
    grow: Any,
    shrink: Any,
    x: Any,
    y: Any,
    w0: list[Any],
) -> dict[str, Any]:
    """The given numbers as decimals for the question text (every Decimal parameter terminates)."""
    plain = {"lr": lr, "beta1": beta1, "beta2": beta2, "step0": step0, "grow": grow}
    plain.update({"shrink": shrink, "x": x, "y": y, "w1": w0[0], "w2": w0[1]})
    return {name: _decimal(sympy.Rational(value)) for name, value in plain.items()}


@quantity
def hyper(lr: Any, beta1: Any, beta2: Any, grow: Any, shrink: Any) -> dict[str, Any]:
    return {"lr": lr, "beta1": beta1, "beta2": beta2, "grow": grow, "shrink": shrink}


@quantity
def grad0(objective: str, coeffs: list[list[Any]], x: Any, y: Any, w0: list[Any]) -> list[Any]:
    return gradient(objective, coeffs, x, y, w0)


@quantity
def state1(optimizer: str, hyper: dict[str, Any], step0: Any, grad0: list[Any]) -> State:
    zeros = [sympy.Integer(0)] * 2
    # RPROP's first step has no previous sign: all-zero signs keep Delta_0 unchanged.
    initial = {"v": zeros, "m": zeros, "s": zeros, "delta": [step0] * 2, "signs": [0, 0]}
    return update(optimizer, hyper, initial, grad0, 1)


@quantity
def w1(w0: list[Any], state1: State) -> list[Any]:
    return [w - d for w, d in zip(w0, state1["step"], strict=True)]


@quantity
def grad1(objective: str, coeffs: list[list[Any]], x: Any, y: Any, w1: list[Any]) -> list[Any]:
    return gradient(objective, coeffs, x, y, w1)


@quantity
def state2(optimizer: str, hyper: dict[str, Any], state1: State, grad1: list[Any]) -> State:
    return update(optimizer, hyper, state1, grad1, 2)


@quantity
def w2(w1: list[Any], state2: State) -> list[Any]:
    return [w - d for w, d in zip(w1, state2["step"], strict=True)]
