"""pi(u=1|x) = sigma(z), z = theta x + c.

d log pi(1|x)/d theta = x sigma(-z) and d log pi(2|x)/d theta = -x sigma(z). The value of x0 is
the policy's expected reward V = pi_1 r_1 + pi_2 r_2, so A(u=1) = r_1 - V = sigma(-z)(r_1 - r_2)
and A(u=2) = sigma(z)(r_2 - r_1).
Keys stay exact (with exp); parts are graded to three significant figures.
"""

from __future__ import annotations

from typing import Any

import sympy

from generator.dag import quantity


def _sigmoid(z: sympy.Expr) -> sympy.Expr:
    return 1 / (1 + sympy.exp(-z))


@quantity
def z(theta: sympy.Integer, x0: sympy.Integer, offset: sympy.Integer) -> sympy.Integer:
    return theta * x0 + offset


@quantity
def pi1(z: sympy.Integer) -> sympy.Expr:
    return _sigmoid(z)


@quantity
def pi2(z: sympy.Integer) -> sympy.Expr:
    return _sigmoid(-z)


@quantity
def reward1(reward: str, x0: Any, x1: Any, r1: Any) -> sympy.Integer:
    return r1 if reward == "given" else (x0 - 1) ** 2 + (x1 - 1) ** 2


@quantity
def reward2(reward: str, x0: Any, x2: Any, r2: Any) -> sympy.Integer:
    return r2 if reward == "given" else (x0 - 1) ** 2 + (x2 - 1) ** 2


@quantity
def score(action: sympy.Integer, x0: sympy.Integer, pi1: sympy.Expr, pi2: sympy.Expr) -> Any:
    """d log pi(u0|x0) / d theta."""
    return x0 * pi2 if action == 1 else -x0 * pi1


@quantity
def reward_taken(action: sympy.Integer, reward1: Any, reward2: Any) -> sympy.Integer:
    return reward1 if action == 1 else reward2


@quantity
def reinforce_grad(score: sympy.Expr, reward_taken: sympy.Integer) -> sympy.Expr:
    return score * reward_taken


@quantity
def theta_new(theta: sympy.Integer, lr: sympy.Rational, reinforce_grad: sympy.Expr) -> Any:
    return theta + lr * reinforce_grad


@quantity
def value(pi1: sympy.Expr, pi2: sympy.Expr, reward1: Any, reward2: Any) -> sympy.Expr:
    return pi1 * reward1 + pi2 * reward2


@quantity
def adv1(pi2: sympy.Expr, reward1: Any, reward2: Any) -> sympy.Expr:
    return pi2 * (reward1 - reward2)


@quantity
def adv2(pi1: sympy.Expr, reward1: Any, reward2: Any) -> sympy.Expr:
    return pi1 * (reward2 - reward1)


@quantity
def a2c_grad(action: sympy.Integer, score: sympy.Expr, adv1: Any, adv2: Any) -> sympy.Expr:
    return score * (adv1 if action == 1 else adv2)


@quantity
def interpretation() -> str:
    """Model answer of the manual part f."""
    return "raise log pi of actions in proportion to their advantage: ascend +log pi"
