"""TUM Problem 5 f: a filter that finds 3x3 black (diagonal) crosses."""

import sympy

from generator.registry import default_registry


def test_the_printed_filter_and_its_flips_and_scalings_are_accepted() -> None:
    family = default_registry().get("pattern_filter")
    params = family.source_instance()
    printed = [[-1, 1, -1], [1, -1, 1], [-1, 1, -1]]  # the seed's answer (2p)
    assert family.check("a", printed, params) == []
    assert family.check("a", [[-v for v in row] for row in printed], params) == []
    assert family.check("a", [[3 * v for v in row] for row in printed], params) == []
    assert family.solve(params)["example_filter"] == [
        [sympy.Integer(v) for v in row] for row in printed
    ]


def test_wrong_filters_are_refused_with_a_reason() -> None:
    family = default_registry().get("pattern_filter")
    params = family.source_instance()
    zero = [[-1, 1, -1], [1, 0, 1], [-1, 1, -1]]
    assert "ties" in family.check("a", zero, params)[0]
    plus = [[1, -1, 1], [-1, -1, -1], [1, -1, 1]]  # highlights the plus, not the cross
    assert "another" in family.check("a", plus, params)[0]
    assert "3x3 matrix" in family.check("a", [1, 2, 3], params)[0]
