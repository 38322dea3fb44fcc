"""A one-decision MDP: in state x0 the sigmoid policy picks u = 1 or u = 2, which ends in
trajectory tau_1 or tau_2. Rewards come either from r(tau) = sum (x_i - 1)^2 over the visited
states (VIR 2019) or are given per trajectory (VIR 2022)."""

from __future__ import annotations

from functools import cache
from itertools import combinations
from typing import Any

import numpy as np
import sympy

from generator.dag import Graph, collect
from generator.params import Choice, Integer, Rational

from . import solution

PARAMS = (
    Choice("reward", ("squared", "given"), doc="r(tau) = sum (x_i - 1)^2, or given r1, r2"),
    Integer("x0", -3, 4, doc="decision state"),
    Integer("x1", -2, 4, doc="state reached by u = 1"),
    Integer("x2", -2, 4, doc="state reached by u = 2"),
    Integer("r1", -6, 8, doc="reward of tau_1 (reward = given)"),
    Integer("r2", -6, 8, doc="reward of tau_2 (reward = given)"),
    Integer("theta", -2, 2, doc="policy parameter"),
    Integer("offset", -2, 2, doc="constant c in sigma(theta x + c)"),
    Choice("action", (1, 2), doc="action u0 of the training trajectory"),
    Rational("lr", 0, 2, denominators=(1, 2), doc="learning rate alpha"),
)

SOURCE = {
    "reward": "squared",
    "x0": 3,
    "x1": 1,
    "x2": 2,
    "r1": 0,
    "r2": 0,
    "theta": 2,
    "offset": 0,
    "action": 1,
    "lr": 1,
}


def rewards(p: dict[str, Any]) -> tuple[Any, Any]:
    """r(tau_1), r(tau_2) for either reward model."""
    if p["reward"] == "given":
        return p["r1"], p["r2"]
    start = (p["x0"] - 1) ** 2
    return start + (p["x1"] - 1) ** 2, start + (p["x2"] - 1) ** 2


# The computed parts, in the question's order, as the reasons below name them.
KEYED = {
    "reinforce_grad": "(a) the REINFORCE gradient",
    "theta_new": "(b) the updated theta",
    "adv1": "(c) A(u = 1)",
    "adv2": "(d) A(u = 2)",
    "a2c_grad": "(e) the A2C gradient",
}


@cache
def solution_graph() -> Graph:
    return Graph(collect(vars(solution)), [p.name for p in PARAMS])


def giveaways(p: dict[str, Any]) -> list[str]:
    """Answers that are exactly 0 or ±1, or that equal another part's answer (to 12 digits)."""
    evaluated = solution_graph().evaluate(p, wanted=tuple(KEYED))
    values = {name: sympy.sympify(evaluated[name]) for name in KEYED}
    problems = [
        f"{KEYED[name]} is exactly {value}: an answer guessed without working"
        for name, value in values.items()
        if value.is_Rational and abs(value) in (0, 1)
    ]
    numbers = {name: float(sympy.N(value, 15)) for name, value in values.items()}
    problems += [
        f"{KEYED[later]} equals {KEYED[earlier]}: one answer would copy the other"
        for earlier, later in combinations(KEYED, 2)
        if abs(numbers[later] - numbers[earlier]) <= 1e-12 * max(1.0, abs(numbers[earlier]))
    ]
    return problems


def constraints(p: dict[str, Any]) -> list[str]:
    problems = []
    r1, r2 = rewards(p)
    if p["x0"] == 0:
        problems.append("x0 = 0 makes d log pi / d theta zero")
    if r1 == r2:
        problems.append("equal rewards make both advantages and the A2C gradient zero")
    if (r1, r2)[int(p["action"]) - 1] == 0:
        problems.append("the taken trajectory has reward 0: the REINFORCE gradient is zero")
    if p["lr"] <= 0:
        problems.append("the learning rate must be positive")
    if p["reward"] == "squared" and p["x1"] == p["x2"]:
        problems.append("both actions lead to the same state")
    return problems


MAX_SAMPLED_Z = 2  # sigma(z) for |z| <= 2: a short calculator step, sometimes exactly 1/2


def sample(rng: np.random.Generator) -> dict[str, Any]:
    """Draw until theta x0 + c is small and no answer gives itself away; the states or rewards
    the variant does not print are 0. The giveaways are the sampler's, not constraints(): VIR
    2022's own A2C question has theta_new = 2 = its A2C gradient."""
    while True:
        drawn = {param.name: param.sample(rng) for param in PARAMS}
        unused = ("r1", "r2") if drawn["reward"] == "squared" else ("x1", "x2")
        drawn |= dict.fromkeys(unused, sympy.Integer(0))
        small = abs(drawn["theta"] * drawn["x0"] + drawn["offset"]) <= MAX_SAMPLED_Z
        if small and not giveaways(drawn):
            return drawn
