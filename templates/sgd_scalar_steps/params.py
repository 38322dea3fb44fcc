"""t(p) = (m p + n)^2 minimised by k gradient steps from an integer start.

Each step maps p + n/m to rho (p + n/m) with rho = 1 - 2 m^2 eta; the sampled (m, eta) pairs make
rho a simple fraction with 0 < |rho| < 1, so every iterate is a short decimal a student computes by
hand and none lands exactly on the minimiser (where all later steps would be zero).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from generator.params import Integer, Rational

PARAMS = (
    Integer("m", 1, 3, doc="coefficient of p inside the square"),
    Integer("n", -10, 10, doc="constant inside the square"),
    Integer("p0", -6, 6, doc="initial weight"),
    Rational("lr", 0, 1, denominators=(2, 4, 5, 8, 10, 16, 20), doc="learning rate"),
    Integer("steps", 2, 4, doc="number of gradient steps"),
)
SOURCE = {"m": 2, "n": 3, "p0": 6, "lr": "1/10", "steps": 3}
FRIENDLY = (
    (1, "1/10"),
    (1, "1/4"),
    (1, "1/5"),
    (1, "1/20"),
    (2, "1/10"),
    (2, "1/20"),
    (2, "1/16"),
    (3, "1/20"),
)
CONSTANTS = tuple(n for n in range(-10, 11) if n != 0)


def constraints(p: dict[str, Any]) -> list[str]:
    problems = []
    rho = 1 - 2 * p["m"] ** 2 * p["lr"]
    if p["m"] == 0:
        problems.append("m must be non-zero: otherwise t does not depend on p")
    elif p["m"] * p["p0"] + p["n"] == 0:
        problems.append("p0 must not be the minimiser -n/m: every gradient would be zero")
    if rho == 0:
        problems.append("lr = 1/(2 m^2) reaches the minimum in one step: later steps are all zero")
    elif abs(rho) >= 1:
        problems.append("lr must be below 1/m^2: otherwise the iterates do not converge")
    return problems


def sample(rng: np.random.Generator) -> dict[str, Any]:
    m, lr = FRIENDLY[int(rng.integers(len(FRIENDLY)))]
    n = int(rng.choice(CONSTANTS))
    p0 = int(rng.integers(-6, 7))
    while m * p0 + n == 0:
        p0 = int(rng.integers(-6, 7))
    return {"m": m, "n": n, "p0": p0, "lr": lr, "steps": int(rng.integers(2, 5))}
