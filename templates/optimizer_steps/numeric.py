"""Independent path: central finite differences of the loss and the update rules in numpy."""

from __future__ import annotations

from typing import Any

import numpy as np

STEP = 1e-5
ZERO = 1e-7  # finite differences of an exactly zero gradient leave ~1e-10 of noise


def _loss(p: dict[str, Any], w: np.ndarray) -> float:
    if p["objective"] == "neuron":
        yhat = 1 / (1 + np.exp(-(w[0] * p["x"] + w[1])))
        return float(-(p["y"] * np.log(yhat) + (1 - p["y"]) * np.log(1 - yhat)))
    c = np.array(p["coeffs"], dtype=float)
    return float(np.sum(c[:, 0] * w**3 + c[:, 1] * w**2 + c[:, 2] * w) + p["const"])


def _grad(p: dict[str, Any], w: np.ndarray) -> np.ndarray:
    g = np.array(
        [(_loss(p, w + e) - _loss(p, w - e)) / (2 * STEP) for e in np.eye(2) * STEP], dtype=float
    )
    return np.where(np.abs(g) < ZERO, 0.0, g)


def numeric(p: dict[str, Any]) -> dict[str, Any]:
    lr, b1, b2 = p["lr"], p["beta1"], p["beta2"]
    w = np.array(p["w0"], dtype=float)
    v, m, s = np.zeros(2), np.zeros(2), np.zeros(2)
    delta, previous = np.full(2, p["step0"]), np.zeros(2)
    answers: dict[str, Any] = {}
    for t in (1, 2):
        g = _grad(p, w)
        if t == 1:
            answers["a"] = g.tolist()
        if p["optimizer"] == "sgd":
            w = w - lr * g
        elif p["optimizer"] == "momentum":
            v = b1 * v + lr * g
            w = w - v
        elif p["optimizer"].startswith("adam"):
            m = b1 * m + (1 - b1) * g
            s = b2 * s + (1 - b2) * g * g
            corrected = p["optimizer"] == "adam"
            mhat = m / (1 - b1**t) if corrected else m
            shat = s / (1 - b2**t) if corrected else s
            # epsilon left out (the question calls it negligible); no step where s^ = 0
            root = np.sqrt(shat)
            w = w - lr * np.divide(mhat, root, out=np.zeros_like(root), where=root > 0)
        else:
            agreement = np.sign(g) * previous
            delta = np.where(agreement > 0, delta * p["grow"], delta)
            delta = np.where(agreement < 0, delta * p["shrink"], delta)
            w = w - np.sign(g) * delta
            previous = np.sign(g)
        answers["b" if t == 1 else "c"] = w.tolist()
    return answers
