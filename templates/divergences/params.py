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


def _distribution(rng: np.random.Generator) -> list[str]:
    """Tenths summing to 1 on a random support of 3 to 6 outcomes."""
    size = int(rng.integers(3, OUTCOMES + 1))
    cuts = sorted(int(c) for c in rng.choice(np.arange(1, TENTHS), size=size - 1, replace=False))
    parts = np.diff([0, *cuts, TENTHS])
    support = sorted(int(i) for i in rng.choice(OUTCOMES, size=size, replace=False))
    values = ["0"] * OUTCOMES
    for index, tenths in zip(support, parts, strict=True):
        values[index] = f"{int(tenths)}/10"
    return values


def sample(rng: np.random.Generator) -> dict[str, Any]:
    return {
        "P": _distribution(rng),
        "Q": _distribution(rng),
        "base": ("2", "e", "10")[int(rng.integers(3))],
    }
