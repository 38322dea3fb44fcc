"""The numeric paths' one-dimensional searches."""

import pytest

from generator.search import argmin, bisect


def test_bisect_finds_where_a_predicate_switches() -> None:
    assert bisect(lambda x: x * x > 2, 0.0, 2.0) == pytest.approx(2**0.5)


def test_argmin_finds_the_minimiser_of_a_convex_function() -> None:
    assert argmin(lambda x: abs(1 - 3 * x), 0.0, 10.0) == pytest.approx(1 / 3)
