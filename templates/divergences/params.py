"""Two distributions on x = 1..6 in tenths; zeros in one support make a KL divergence infinite."""

from __future__ import annotations

from typing import Any

import numpy as np

from generator.params import Choice, Decimal, Vector

OUTCOMES = 6
TENTHS = 10
PARAMS = (
    Vector("P", length=OUTCOMES, element=Decimal("P", 0, 1, digits=1), doc="P(x) for x = 1..6"),
    Vector("Q", length=OUTCOMES, element=Decimal("Q", 0, 1, digits=1), doc="Q(x) for x = 1..6"),
    Choice("base", ("2", "e", "10"), doc="base of the logarithm"),
)
SOURCE = {
    "P": "[0, 0, 0.2, 0.3, 0.1, 0.4]",
    "Q": "[0.3, 0.1, 0.2, 0.1, 0.3, 0]",
    "base": "10",
}


def constraints(p: dict[str, Any]) -> list[str]:
    problems = []
    for name in ("P", "Q"):
        if any(v < 0 for v in p[name]) or sum(p[name]) != 1:
            problems.append(f"{name} must be non-negative and sum to 1")
    if p["P"] == p["Q"]:
        problems.append("P and Q are equal: every divergence is 0")
    return problems


def _support(rng: np.random.Generator) -> frozenset[int]:
    size = int(rng.integers(3, OUTCOMES + 1))
    return frozenset(int(i) for i in rng.choice(OUTCOMES, size=size, replace=False))


def _distribution(rng: np.random.Generator, support: frozenset[int]) -> list[str]:
    """Tenths summing to 1, each outcome of ``support`` getting at least one tenth."""
    size = len(support)
    cuts = sorted(int(c) for c in rng.choice(np.arange(1, TENTHS), size=size - 1, replace=False))
    parts = np.diff([0, *cuts, TENTHS])
    values = ["0"] * OUTCOMES
    for index, tenths in zip(sorted(support), parts, strict=True):
        values[index] = f"{int(tenths)}/10"
    return values


# Which KL divergences are infinite, drawn evenly: both finite (P and Q share a support), only
# KL(P||Q), only KL(Q||P), or both (the source's case, where only JS is finite). Independent
# supports made both infinite in 41 % of variants.
SCENARIOS = ("neither", "pq", "qp", "both")
ATTEMPTS = 500


def _supports(rng: np.random.Generator, scenario: str) -> tuple[frozenset[int], frozenset[int]]:
    p_support = _support(rng)
    if scenario == "neither":
        return p_support, p_support
    q_support = p_support
    for _ in range(ATTEMPTS):
        q_support = _support(rng)
        pq_infinite, qp_infinite = not p_support <= q_support, not q_support <= p_support
        wanted = (scenario in ("pq", "both"), scenario in ("qp", "both"))
        # Disjoint supports would make JS = log 2 whatever the numbers.
        if (pq_infinite, qp_infinite) == wanted and p_support & q_support:
            break
    return p_support, q_support


def sample(rng: np.random.Generator) -> dict[str, Any]:
    p_support, q_support = _supports(rng, SCENARIOS[int(rng.integers(len(SCENARIOS)))])
    return {
        "P": _distribution(rng, p_support),
        "Q": _distribution(rng, q_support),
        "base": ("2", "e", "10")[int(rng.integers(3))],
    }
