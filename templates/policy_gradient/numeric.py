"""Independent path: the policy as a numpy function of theta, central differences of log pi,
the value as an explicit expectation over the two actions."""

from __future__ import annotations

from typing import Any

import numpy as np

STEP = 1e-5


def policy(theta: float, x: float, offset: float) -> np.ndarray:
    """[pi(u=1|x), pi(u=2|x)]."""
    p1 = 1.0 / (1.0 + np.exp(-(theta * x + offset)))
    return np.array([p1, 1.0 - p1])


def numeric(p: dict[str, Any]) -> dict[str, Any]:
    theta, x0, offset, u = p["theta"], p["x0"], p["offset"], int(p["action"]) - 1
    if p["reward"] == "given":
        rewards = np.array([p["r1"], p["r2"]], dtype=float)
    else:
        rewards = np.array([(x0 - 1) ** 2 + (s - 1) ** 2 for s in (p["x1"], p["x2"])], dtype=float)
    log_pi = lambda t: np.log(policy(t, x0, offset)[u])  # noqa: E731
    score = (log_pi(theta + STEP) - log_pi(theta - STEP)) / (2 * STEP)
    probabilities = policy(theta, x0, offset)
    advantages = rewards - probabilities @ rewards
    return {
        "a": score * rewards[u],
        "b": theta + p["lr"] * score * rewards[u],
        "c": advantages[0],
        "d": advantages[1],
        "e": score * advantages[u],
    }
