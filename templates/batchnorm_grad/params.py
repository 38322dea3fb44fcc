"""Two small integer batches and the batch-norm parameters gamma, beta (epsilon = 0).

The first batch drives the forward pass, so its standard deviation must be an integer, a simple
fraction or the square root of a small integer; the second batch only feeds the beta Jacobian
(the source says no forward pass is needed there), so it only has to have a spread.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import sympy

from generator.errors import DlexamError
from generator.params import Integer, Param, read

BATCH_SIZES = (2, 3, 4)
ENTRY = Integer("entry", -3, 9)
MAX_SURD = 12  # sigma = sqrt(k) with k at most this is still computed by hand
MAX_SIGMA_DENOMINATOR = 4


@dataclass(frozen=True)
class Batch(Param):
    """A batch of one-dimensional examples: a list of 2 to 4 integers."""

    sizes: tuple[int, ...] = BATCH_SIZES
    kind: str = field(default="vector", init=False)

    def sample(self, rng: np.random.Generator) -> list[sympy.Integer]:
        size = int(rng.choice(self.sizes))
        return [ENTRY.sample(rng) for _ in range(size)]

    def coerce(self, value: Any) -> list[sympy.Integer]:
        value = read(value, self.name)
        if not isinstance(value, list) or len(value) not in self.sizes:
            raise DlexamError(
                f"expected a batch of {self.sizes[0]} to {self.sizes[-1]} integers like [2, 4]",
                where=self.name,
            )
        return [Integer(self.name, -100, 100).coerce(v) for v in value]

    def describe(self) -> dict[str, Any]:
        return {**super().describe(), "sizes": list(self.sizes)}


PARAMS = (
    Batch("x", doc="batch for the forward pass, the gamma gradient and the Jacobians"),
    Batch("x_beta", doc="second batch, for the beta Jacobian"),
    Integer("gamma", -6, 8, doc="scale gamma"),
    Integer("beta", -5, 5, doc="shift beta"),
)

SOURCE = {"x": "[2, 4]", "x_beta": "[5, 2, 1]", "gamma": 6, "beta": -1}


def variance(values: list[Any]) -> sympy.Rational:
    """The biased (1/m) batch variance, as the source's algorithm defines it."""
    m = len(values)
    mean = sympy.Rational(sum(int(v) for v in values), m)
    return sum((v - mean) ** 2 for v in values) / m


def sigma_is_simple(var: sympy.Rational) -> bool:
    """sigma is a simple fraction, or the square root of a small integer."""
    root = sympy.sqrt(var)
    if root.is_rational:
        return bool(root.q <= MAX_SIGMA_DENOMINATOR)
    return bool(var.is_integer and var <= MAX_SURD)


def constraints(p: dict[str, Any]) -> list[str]:
    problems = []
    for name in ("x", "x_beta"):
        if len(set(p[name])) == 1:
            problems.append(f"batch {name} has no spread: sigma = 0 divides by zero")
    if not problems:
        mean = sympy.Rational(sum(int(v) for v in p["x"]), len(p["x"]))
        if mean.q > 2:
            problems.append(f"the mean {mean} of batch x is not an integer or a half")
        if not sigma_is_simple(variance(p["x"])):
            problems.append(f"sigma = sqrt({variance(p['x'])}) of batch x is not hand-friendly")
    if p["gamma"] == 0:
        problems.append("gamma = 0 makes the gradient with respect to gamma zero")
    return problems


SIZE_WEIGHTS = (0.1, 0.45, 0.45)  # m = 2 always normalises to (-1, 1) or (1, -1)
ATTEMPTS = 200


def sample(rng: np.random.Generator) -> dict[str, Any]:
    """Mostly batches of 3 or 4, and no example equal to the batch mean (its x-hat would be 0)."""
    x: list[Any] = []
    for _ in range(ATTEMPTS):
        size = int(rng.choice(BATCH_SIZES, p=SIZE_WEIGHTS))
        x = [ENTRY.sample(rng) for _ in range(size)]
        if all(v * size != sum(x) for v in x):
            break
    return {
        "x": x,
        "x_beta": PARAMS[1].sample(rng),
        "gamma": PARAMS[2].sample(rng),
        "beta": PARAMS[3].sample(rng),
    }
