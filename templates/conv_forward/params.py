"""A 3x3 input, a 2x2 kernel, one dilated and one strided/padded convolution, 2x2 pooling."""

from __future__ import annotations

from typing import Any

import numpy as np

from generator.params import Integer, Matrix

from .solution import conv2d

SIZE, KERNEL, MAX_OUT = 3, 2, 3
# (stride, pad, rate) settings whose windows tile a padded 3x3 input exactly with a small output.
DILATED = ((1, 0, 2), (1, 1, 2), (2, 1, 2))
STRIDED = ((3, 1, 1), (1, 0, 1))
PARAMS = (
    Matrix("x", rows=SIZE, cols=SIZE, element=Integer("x", -3, 3), doc="input feature map"),
    Matrix("w", rows=KERNEL, cols=KERNEL, element=Integer("w", -2, 2), doc="kernel"),
    Integer("a_stride", 1, 3, doc="stride of the first convolution"),
    Integer("a_pad", 0, 2, doc="zero padding of the first convolution"),
    Integer("a_rate", 1, 3, doc="dilation rate of the first convolution"),
    Integer("b_stride", 1, 3, doc="stride of the second convolution"),
    Integer("b_pad", 0, 2, doc="zero padding of the second convolution"),
    Integer("b_rate", 1, 3, doc="dilation rate of the second convolution"),
)

SOURCE = {
    "x": "[[1, 0, 2], [2, 1, -1], [0, 0, 2]]",
    "w": "[[1, -1], [0, 2]]",
    "a_stride": 1,
    "a_pad": 0,
    "a_rate": 2,
    "b_stride": 3,
    "b_pad": 1,
    "b_rate": 1,
}


def out_size(stride: int, pad: int, rate: int) -> tuple[int, int]:
    """(output size, remainder): the remainder is nonzero when the windows do not tile exactly."""
    span = SIZE + 2 * pad - rate * (KERNEL - 1) - 1
    return span // stride + 1, span % stride if span >= 0 else -1


def constraints(p: dict[str, Any]) -> list[str]:
    problems = []
    for name in ("a", "b"):
        stride, pad, rate = (int(p[f"{name}_{k}"]) for k in ("stride", "pad", "rate"))
        size, rest = out_size(stride, pad, rate)
        if rest:
            problems.append(
                f"convolution {name}: the windows do not tile the padded input exactly "
                "(fractional output size)"
            )
        elif size > MAX_OUT:
            problems.append(f"convolution {name}: a {size}x{size} output is too long by hand")
        if pad >= rate * (KERNEL - 1) + 1:
            problems.append(f"convolution {name}: some windows would see padding only")
        elif not rest and all(
            v == 0 for row in conv2d(p["x"], p["w"], stride, pad, rate) for v in row
        ):
            problems.append(f"convolution {name}: every output is 0 (nothing to compute)")
    if sum(v != 0 for row in p["w"] for v in row) < 2:
        problems.append("the kernel needs at least two nonzero taps")
    if all(v == p["x"][0][0] for row in p["x"] for v in row):
        problems.append("a constant input makes the pooling trivial")
    settings = [tuple(p[f"{n}_{k}"] for k in ("stride", "pad", "rate")) for n in ("a", "b")]
    if settings[0] == settings[1]:
        problems.append("the two convolutions are the same")
    return problems


def sample(rng: np.random.Generator) -> dict[str, Any]:
    a = DILATED[int(rng.integers(len(DILATED)))]
    b = STRIDED[int(rng.integers(len(STRIDED)))]
    return {
        "x": rng.integers(-2, 4, size=(SIZE, SIZE)).tolist(),
        "w": rng.integers(-1, 3, size=(KERNEL, KERNEL)).tolist(),
        **{f"a_{k}": v for k, v in zip(("stride", "pad", "rate"), a, strict=True)},
        **{f"b_{k}": v for k, v in zip(("stride", "pad", "rate"), b, strict=True)},
    }
