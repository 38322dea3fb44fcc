"""Select-even-elements (SEE) layer: its Jacobian, the loss gradient and the vjp (VIR 2022).

The source leaves N symbolic; here N is 2, 3 or 4 (x in R^4 ... R^8, the source's own numbers use
N = 3) so the Jacobian can be written out and its shape changes between variants, and the
selected positions are stated 1-based (x_2, x_4, x_6 for "even"), since 0-based indexing would
select the other half. The odd variant selects x_1, x_3, x_5.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from generator.params import Choice, Integer, Vector

PARAMS = (
    Choice("select", ("even", "odd"), doc="which positions (1-based) the layer keeps"),
    Vector(
        "w",
        lengths=(2, 3, 4),
        element=Integer("w", -5, 5),
        doc="loss weights, L = sum_i w_i y_i (N = their number)",
    ),
)

# VIR 2022 midterm training Q4 (its weights are symbolic; these are this project's numbers).
SOURCE = {"select": "even", "w": "[2, -1, 3]"}


def constraints(p: dict[str, Any]) -> list[str]:
    if all(v == 0 for v in p["w"]):
        return ["all loss weights are 0: the gradient would vanish"]
    return []


WEIGHTS = (-5, -4, -3, -2, -1, 1, 2, 3, 4, 5)


def sample(rng: np.random.Generator) -> dict[str, Any]:
    """No zero loss weight: dL/dx would then hide which positions the layer keeps."""
    return {
        "select": ("even", "odd")[int(rng.integers(2))],
        "w": [int(rng.choice(WEIGHTS)) for _ in range(int(rng.integers(2, 5)))],
    }
