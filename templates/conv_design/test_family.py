"""VIR 2022 training Q7: 100x100x3 -> 40x40x6. The seed prints no solution.

Hand check of the key: S = floor(99/39) = 2, K = 100 - 39*2 = 22, P = 0: (100 - 22)/2 + 1 = 40.
"""

import sympy

from generator.registry import default_registry

FAMILY = default_registry().get("conv_design")
PARAMS = FAMILY.source_instance()
NUMERIC_OK = FAMILY.numeric(PARAMS)["a"]


def check(design: list[int]) -> list[str]:
    return FAMILY.check("a", [sympy.Integer(v) for v in design], PARAMS)


def test_key_is_a_valid_design() -> None:
    key = FAMILY.solve(PARAMS)["example_design"]
    assert key == [22, 2, 0, 6]
    assert FAMILY.check("a", key, PARAMS) == []


def test_other_valid_designs_are_accepted() -> None:
    assert check([24, 2, 1, 6]) == []  # (100 + 2 - 24)/2 + 1 = 40
    assert check([61, 1, 0, 6]) == []  # stride 1: 100 - 61 + 1 = 40
    assert check([21, 2, 0, 6]) == []  # floor(79/2) + 1 = 40, as frameworks compute it
    assert check([19, 3, 18, 6]) == []  # (100 + 36 - 19)/3 + 1 = 40, P < K


def test_wrong_designs_name_the_problem() -> None:
    assert any("not 40" in p for p in check([3, 2, 1, 6]))  # 50
    assert any("output channels" in p for p in check([22, 2, 0, 3]))
    assert any("only padding" in p for p in check([1, 3, 9, 6]))  # 40 wide, but P >= K
    assert check([22, 2, 0]) == ["expected four numbers [K, S, P, F]"]
    assert any("whole number" in p for p in check_raw([22, sympy.Rational(5, 2), 0, 6]))
    assert check_raw(["22", "2", "0", "6"]) != []  # text is never parsed here
    assert check_raw([[22], [2], [0], [6]]) == []  # a column vector (22; 2; 0; 6)


def check_raw(design: list[object]) -> list[str]:
    return FAMILY.check("a", design, PARAMS)


def test_checker_agrees_with_the_numeric_path_on_a_grid_of_designs() -> None:
    for k in range(1, 26):
        for s in range(1, 5):
            for p in range(0, 15):
                assert (check([k, s, p, 6]) == []) == NUMERIC_OK([k, s, p, 6]), (k, s, p)
    assert check([22, 2, 0, 5]) != [] and not NUMERIC_OK([22, 2, 0, 5])


def test_named_fields_as_the_grader_reads_them() -> None:
    named = {
        "K": sympy.Integer(22),
        "S": sympy.Integer(2),
        "P": sympy.Integer(0),
        "F": sympy.Integer(6),
    }
    assert FAMILY.check("a", named, PARAMS) == []
    source_form = {
        "number_of_kernels": 6,
        "kernel_size_h": 22,
        "kernel_size_w": 22,
        "stride": 2,
        "pad": 0,
    }
    assert FAMILY.check("a", source_form, PARAMS) == []
    assert FAMILY.check("a", {**source_form, "kernel_size_w": 3}, PARAMS) == [
        "the kernel must be square (one size for height and width)"
    ]
    assert FAMILY.check("a", {"K": 22, "S": 2}, PARAMS) == [
        "missing padding P, number of kernels F"
    ]
    assert "unknown field" in FAMILY.check("a", {**named, "dilation": 1}, PARAMS)[0]
