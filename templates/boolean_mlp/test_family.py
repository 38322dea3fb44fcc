"""BITS Q2 (NOT X), BITS Question 2 (f = yz + xy with weights +-10), BITS MLP from 1-rows.

NOT X by hand, with s = a + bX + cY: (0, 0) a > 0; (0, 1) a + c > 0; (1, 0) a + b <= 0;
(1, 1) a + b + c <= 0. [1, -2, 0] gives 1, 1, -1, -1; the seed's a = 1, c = 1, b = -3 gives
1, 2, -2, -1 and is also right.
f = yz + xy: h1 = yz: 10y + 10z >= 20; h2 = xy: 10x + 10y >= 20; output 10h1 + 10h2 >= 10.
Rows 011, 110, 111 give 1, the other five 0.
1-rows 1010, 1110, 1001, 1011, 1000: five minterm detectors and an OR: depth 2, width 5 (as
printed).
"""

import itertools
from typing import cast

from generator.family import Family
from generator.params import Choice
from generator.registry import default_registry


def _family() -> Family:
    return default_registry().get("boolean_mlp")


def test_source_instance_matches_hand_solution() -> None:
    family = _family()
    params = family.source_instance()
    values = family.solve(params)
    assert values["gate_table"] == [1, 1, 0, 0]
    assert family.check("a", [1, -2, 0], params) == []
    assert family.check("a", [1, -3, 1], params) == []  # the seed's a, b, c
    assert values["f_table"] == [0, 0, 0, 1, 0, 0, 1, 1]
    assert family.check("b", [0, 10, 10, 20, 10, 10, 0, 20, 10, 10, 10], params) == []
    assert values["one_rows"] == ["1000", "1001", "1010", "1011", "1110"]
    assert (values["depth"], values["width"]) == (2, 5)


def test_wrong_designs_are_named() -> None:
    family = _family()
    params = family.source_instance()
    assert family.check("a", [1, 0, -2], params) == [
        "input (0, 1) gives 0, the table says 1",
        "input (1, 0) gives 1, the table says 0",
    ]
    # y OR z instead of y AND z in the first hidden unit: 001, 010 and 101 wrongly give 1.
    problems = family.check("b", [0, 10, 10, 10, 10, 10, 0, 20, 10, 10, 10], params)
    assert problems == [
        f"input {row} gives 1, the table says 0" for row in ((0, 0, 1), (0, 1, 0), (1, 0, 1))
    ]
    assert family.check("b", [0, 5, 5, 10, 10, 10, 0, 20, 10, 10, 10], params) == [
        "every weight must be -10, 0 or 10"
    ]
    assert family.check("b", [0, 10, 10, 15, 10, 10, 0, 20, 10, 10, 10], params) == [
        "every threshold must be a multiple of 10"
    ]
    assert family.check("b", [1, 2, 3], params) == [
        "expected 11 numbers [w1x, w1y, w1z, t1, w2x, w2y, w2z, t2, v1, v2, t]"
    ]


def test_every_example_key_realises_its_function() -> None:
    family = _family()
    table = [1, 1, 1] + [0] * 13
    gates, functions = (cast(Choice, family.param(name)).options for name in ("gate", "f"))
    for gate, f in itertools.product(gates, functions):
        params = family.coerce({"gate": gate, "f": f, "table": table})
        values = family.solve(params)
        assert family.check("a", values["gate_weights"], params) == [], gate
        assert family.check("b", values["network_design"], params) == [], f


def test_negated_products() -> None:
    family = _family()
    params = family.coerce({"gate": "Y", "f": "~yz + x~y", "table": [1] * 4 + [0] * 12})
    values = family.solve(params)
    # NOT y AND z, or x AND NOT y: 1 on 001, 100, 101.
    assert values["f_table"] == [0, 1, 0, 0, 1, 1, 0, 0]
    assert values["hidden_units"] == [[0, -10, 10, 10], [10, -10, 0, 10]]
    assert values["width"] == 4


def test_no_single_allowed_unit_computes_any_f() -> None:
    """The question says two hidden units are the fewest: one unit with weights in {0, +-10}
    (or an output that copies or negates it) never reproduces any offered f."""
    family = _family()
    rows = list(itertools.product((0, 1), repeat=3))
    for f in cast(Choice, family.param("f")).options:
        table = family.solve(family.coerce({"gate": "X", "f": f, "table": [1] * 3 + [0] * 13}))
        wanted = table["f_table"]
        for w in itertools.product((-10, 0, 10), repeat=3):
            for t in range(-40, 50, 10):
                got = [int(sum(a * b for a, b in zip(w, r, strict=True)) >= t) for r in rows]
                assert got != wanted, (f, w, t)
