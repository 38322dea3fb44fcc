"""BITS truth table (y = 1 only at (0, 0), NOR), TUM Problem 9 c (XOR), BITS XOR of 6 inputs.

NOR by hand: b > 0, w2 + b <= 0, w1 + b <= 0, w1 + w2 + b <= 0: [-1, -1, 1] works
(1 > 0, 0, 0, -1 <= 0). The seed codes the inputs as -1/+1, where its answer (bias and both
weights negative) is right; with the table's own 0/1 inputs the (0, 0) row needs b > 0, so the
question fixes the 0/1 coding.
TUM XOR: W11 = [1, -1], b11 = 0; W12 = [-1, 1], b12 = 0; W21 = [1, 1], b21 = 0 (as printed).
XOR of 6: 5 blocks of 3 perceptrons = 15; ceil(log2 6) = 3 levels of 2 layers = 6; single hidden
layer: 2^5 = 32 (all as printed; the seed's "2 * ceil(2.5)" means ceil(log2 6) = 3).
"""

from typing import cast

import sympy

from generator.family import Family
from generator.params import Choice
from generator.registry import default_registry


def _family() -> Family:
    return default_registry().get("truth_table_weights")


def test_source_instance_matches_hand_solution() -> None:
    family = _family()
    params = family.source_instance()
    values = family.solve(params)
    assert values["truth_table"] == [1, 0, 0, 0]
    assert family.check("a", [-1, -1, 1], params) == []
    assert family.check("a", [-2, -3, sympy.Rational(1, 2)], params) == []
    named = {"b": sympy.Integer(1), "w1": sympy.Integer(-1), "w2": sympy.Integer(-1)}
    assert family.check("a", named, params) == []
    assert values["tree_perceptrons"] == 15
    assert values["tree_layers"] == 6
    assert values["dnf_hidden"] == 32


def test_tum_xor_design_and_a_wrong_one() -> None:
    family = _family()
    params = family.source_instance()
    assert family.check("b", [1, -1, 0, -1, 1, 0, 1, 1, 0], params) == []
    # AND and OR hidden units with an OR output give OR, not XOR: (1, 1) is wrong.
    problems = family.check("b", [1, 1, -1, 1, 1, 0, 1, 1, 0], params)
    assert problems == ["input (1, 1) gives 1, the table says 0"]


def test_every_example_key_realises_its_gate() -> None:
    family = _family()
    for gate in cast(Choice, family.param("gate")).options:
        for parity in ("XOR", "XNOR"):
            params = family.coerce({"gate": gate, "parity": parity, "n": 3})
            values = family.solve(params)
            assert family.check("a", values["gate_weights"], params) == [], gate
            assert family.check("b", values["network_weights"], params) == [], parity


def test_counts_for_powers_of_two_and_between() -> None:
    family = _family()
    expected = {3: (6, 4, 4), 4: (9, 4, 8), 5: (12, 6, 16), 8: (21, 6, 128)}
    for n, (perceptrons, layers, hidden) in expected.items():
        values = family.solve(family.coerce({"gate": "AND", "parity": "XOR", "n": n}))
        got = (values["tree_perceptrons"], values["tree_layers"], values["dnf_hidden"])
        assert got == (perceptrons, layers, hidden), n
