"""A training set of N images, a batch size B that does not divide N, and a number of epochs."""

from __future__ import annotations

from typing import Any

import numpy as np

from generator.params import Integer

PARAMS = (
    Integer("n_train", 100, 100000, doc="number of training images N"),
    Integer("n_test", 0, 50000, doc="number of test images (not used for training: a distractor)"),
    Integer("batch", 2, 1024, doc="batch size B"),
    Integer("epochs", 1, 100, doc="number of epochs"),
)
SOURCE = {"n_train": 5000, "n_test": 1000, "batch": 32, "epochs": 10}
BATCHES = (16, 20, 25, 32, 50, 64, 100, 128)


def constraints(p: dict[str, Any]) -> list[str]:
    problems = []
    if p["n_train"] % p["batch"] == 0:
        problems.append("B divides N: there is no incomplete last batch to ask about")
    if p["batch"] >= p["n_train"]:
        problems.append("the batch size must be smaller than the training set")
    return problems


def sample(rng: np.random.Generator) -> dict[str, Any]:
    return {
        "n_train": int(rng.integers(10, 200)) * 50,
        "n_test": int(rng.integers(1, 40)) * 100,
        "batch": int(rng.choice(BATCHES)),
        "epochs": int(rng.choice((5, 10, 20, 25, 50))),
    }
