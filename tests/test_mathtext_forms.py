"""The safe math reader: every answer form the grader accepts, its limits, and hostile text."""

from __future__ import annotations

import contextlib
import time
from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import mathtext
from generator.errors import MathTextError
from generator.formatting import Shape

S = sympy.Rational


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12", 12),
        ("-3.5", S(-7, 2)),
        ("3,5", S(7, 2)),
        ("1e-3", S(1, 1000)),
        ("1.2·10^-3", S(3, 2500)),
        ("1.2×10⁻³", S(3, 2500)),
        ("2/3", S(2, 3)),
        ("−4", -4),
        ("50%", S(1, 2)),
        ("pi", sympy.pi),
        ("π", sympy.pi),
        ("e", sympy.E),
        ("sqrt(3)", sympy.sqrt(3)),
        ("√3", sympy.sqrt(3)),
        ("ln 2", sympy.log(2)),
        ("log(2)", sympy.log(2)),
        ("exp(-3)", sympy.exp(-3)),
        ("e^-3", sympy.exp(-3)),
        ("2log2", 2 * sympy.log(2)),
        ("1,2·10^-3", S(3, 2500)),
    ],
)
def test_scalar_forms(text: str, value: sympy.Expr) -> None:
    assert mathtext.parse_scalar(text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12", Fraction(12)),
        ("-3.5", Fraction(-7, 2)),
        ("3,5", Fraction(7, 2)),
        ("1e-3", Fraction(1, 1000)),
        ("2/3", Fraction(2, 3)),
        ("−4", Fraction(-4)),
        ("50%", Fraction(1, 2)),
        (" +.25 ", Fraction(1, 4)),
        ("1.2E+3", Fraction(1200)),
    ],
)
def test_plain_numbers_are_read_without_sympy(text: str, value: Fraction) -> None:
    assert mathtext.plain_number(text) == value


@pytest.mark.parametrize("text", ["pi", "sqrt(2)", "1 2", "2/0", "1e999", "", "1.2·10^-3"])
def test_plain_number_leaves_everything_else_to_the_parser(text: str) -> None:
    assert mathtext.plain_number(text) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("[1, 2]", [1, 2]),
        ("(1; 2)", [[1], [2]]),
        ("1 2 3", [1, 2, 3]),
        ("[1 , -2]", [1, -2]),
        ("[[1,0],[0,1]]", [[1, 0], [0, 1]]),
        ("((1, 0), (0, 1))", [[1, 0], [0, 1]]),
        ("1 0; 0 1", [[1, 0], [0, 1]]),
        ("[1, 0; 0, 1]", [[1, 0], [0, 1]]),
        ("[[-2]]", [[-2]]),
        ("[sqrt(2), pi/2]", [sympy.sqrt(2), sympy.pi / 2]),
    ],
)
def test_vector_and_matrix_forms(text: str, value: list) -> None:
    assert mathtext.parse_array(text) == value


def test_decimal_commas_in_a_vector_follow_the_expected_shape() -> None:
    assert mathtext.parse_array("(1,5; 2,5)", shape=(2,)) == [S(3, 2), S(5, 2)]
    assert mathtext.parse_array("[1,5; 2,5]", shape=(2, 2)) == [[1, 5], [2, 5]]


def test_ragged_matrices_are_refused() -> None:
    with pytest.raises(MathTextError, match="different lengths"):
        mathtext.parse_array("1 2; 3")


@pytest.mark.parametrize(
    ("text", "dims"),
    [
        ("8x8x5", (8, 8, 5)),
        ("8×8×5", (8, 8, 5)),
        ("8 x 8 x 5", (8, 8, 5)),
        ("(3,4,5,5)", (3, 4, 5, 5)),
        ("[3, 4]", (3, 4)),
        ("3*4", (3, 4)),
    ],
)
def test_shape_forms(text: str, dims: tuple[int, ...]) -> None:
    assert mathtext.parse_shape(text) == Shape(dims)


@pytest.mark.parametrize("text", ["8x8.5", "8xx", "x", "-3x4", "(3, a)"])
def test_bad_shapes_are_refused(text: str) -> None:
    with pytest.raises(MathTextError):
        mathtext.parse_shape(text)


THIRD = S(1, 3)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("(0, 1/3)", sympy.Interval.open(0, THIRD)),
        ("0 < a < 1/3", sympy.Interval.open(0, THIRD)),
        ("]0; 1/3[", sympy.Interval.open(0, THIRD)),
        ("[1/6, 1/3)", sympy.Interval.Ropen(S(1, 6), THIRD)),
        ("1/3 > a >= 0", sympy.Interval.Ropen(0, THIRD)),
        ("0 ≤ a ≤ 1/3", sympy.Interval(0, THIRD)),
        ("x >= 1", sympy.Interval(1, sympy.oo)),
        ("(-∞, 0)", sympy.Interval.open(-sympy.oo, 0)),
        ("(0, 1/3] U {2}", sympy.Union(sympy.Interval.Lopen(0, THIRD), sympy.FiniteSet(2))),
        ("(0,1) ∪ [2,3]", sympy.Union(sympy.Interval.open(0, 1), sympy.Interval(2, 3))),
        ("[0, 1] U [1, 2]", sympy.Interval(0, 2)),
        ("]0,5; 1]", sympy.Interval.Lopen(S(1, 2), 1)),
        ("{}", sympy.S.EmptySet),
        ("R", sympy.S.Reals),
    ],
)
def test_interval_and_set_forms(text: str, value: sympy.Set) -> None:
    assert mathtext.parse_set(text) == value


@pytest.mark.parametrize("text", ["(1, 0)", "a < b < 1", "(0, 1, 2)", "(0, x)", "2 < a < 1"])
def test_bad_intervals_are_refused(text: str) -> None:
    with pytest.raises(MathTextError):
        mathtext.parse_set(text)


def test_expressions_in_declared_symbols() -> None:
    w, b = sympy.symbols("w b")
    assert mathtext.parse_scalar("2w - 1", ["w"]) == 2 * w - 1
    assert mathtext.parse_scalar("w^2 b", ["w", "b"]) == w**2 * b
    with pytest.raises(MathTextError, match="unknown name"):
        mathtext.parse_scalar("2w - z", ["w"])


HOSTILE = [
    "__import__('os').system('id')",
    "9**9**9**9",
    "2^(2^(2^(2^(2^2))))",
    "1e999999",
    "e^(10^5)",
    "exp(exp(exp(10)))",
    "x^99999",
    "(x+1)^(10^6)",
    "(" * 60 + "1" + ")" * 60,
    "[" * 60 + "1" + "]" * 60,
    "1/(1-1)",
    "log(0)",
    "1" * 10_000_000,
    "lambda: 0",
    "open('/etc/passwd').read()",
]


@pytest.mark.parametrize("text", HOSTILE, ids=lambda t: t[:30])
def test_hostile_text_is_refused_fast_and_runs_nothing(text: str) -> None:
    start = time.perf_counter()
    for reader in (
        lambda t: mathtext.parse(t, ["x"]),
        mathtext.parse_array,
        mathtext.parse_set,
        mathtext.parse_shape,
    ):
        with pytest.raises(MathTextError):
            reader(text)
    assert time.perf_counter() - start < 2.0


def _read_with_every_reader(text: str) -> None:
    for reader in (
        lambda t: mathtext.parse(t, ["w"]),
        mathtext.parse_array,
        mathtext.parse_set,
        mathtext.parse_shape,
        mathtext.plain_number,
    ):
        with contextlib.suppress(MathTextError):
            reader(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_readers_raise_only_math_text_errors_on_any_text(text: str) -> None:
    _read_with_every_reader(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789.,;:+-−eE%/^*()[]{}<>xU πe√ a", max_size=30))
def test_readers_survive_math_looking_noise(text: str) -> None:
    _read_with_every_reader(text)


def _printed_forms(value: Fraction) -> list[str]:
    """Ways a student or spreadsheet prints the same decimal number."""
    sign = "-" if value < 0 else ""
    magnitude = abs(value)
    decimal = f"{float(magnitude):.6f}".rstrip("0").rstrip(".")
    return [
        f"{sign}{decimal}",
        f"{sign}{decimal}".replace(".", ","),
        f"−{decimal}" if sign else decimal,
        f"{sign}{magnitude.numerator}/{magnitude.denominator}",
        f"{sign}{float(magnitude * 100):.4f}%",
        f"{sign}{float(magnitude * 1000):.3f}e-3",
        f"{sign}{float(magnitude * 1000):.3f}·10^-3",
        f"{sign}{float(magnitude * 1000):.3f}×10⁻³",
    ]


@settings(max_examples=200, deadline=None)
@given(st.integers(-(10**6), 10**6), st.sampled_from([1, 2, 4, 5, 8, 10, 20, 100, 1000]))
def test_a_number_printed_in_any_supported_form_reads_back_equal(
    numerator: int, denominator: int
) -> None:
    value = Fraction(numerator, denominator)
    for text in _printed_forms(value):
        exact = mathtext.plain_number(text)
        read = _rational(exact) if exact is not None else mathtext.parse_scalar(text)
        assert read == _rational(value), text


def _rational(value: Fraction) -> sympy.Rational:
    return sympy.Rational(value.numerator, value.denominator)


def test_absolute_value_bars_read_as_abs() -> None:
    w, x, b, y = sympy.symbols("w x b y")
    assert mathtext.parse("|w*x - b - y|", ["w", "x", "b", "y"]) == sympy.Abs(w * x - b - y)
    assert mathtext.parse("2|x| + |-3|", ["x"]) == 2 * sympy.Abs(x) + 3
