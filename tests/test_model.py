"""The template model: DAG solutions, parameter types, formatting, family loading, registry."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
import sympy

from generator import mathtext
from generator.dag import Graph, quantity
from generator.errors import DlexamError
from generator.formatting import Fixed, Shape, Significant, exact_string, latex, number
from generator.params import Choice, Decimal, Integer, Matrix, Rational, Real, Vector
from generator.registry import BUNDLED, load_registry


# -- DAG ---------------------------------------------------------------------------------------
@quantity
def doubled(x):  # type: ignore[no-untyped-def]
    return 2 * x


@quantity
def plus_one(doubled):  # type: ignore[no-untyped-def]
    return doubled + 1


def test_graph_evaluates_in_dependency_order_and_honours_given_values() -> None:
    graph = Graph({"doubled": doubled, "plus_one": plus_one}, ["x"])
    assert graph.evaluate({"x": 3}) == {"doubled": 6, "plus_one": 7}
    # Follow-through: a student's own (wrong) 'doubled' of 10 gives 11 downstream.
    assert graph.evaluate({"x": 3}, given={"doubled": 10})["plus_one"] == 11
    assert graph.upstream("plus_one", {"doubled"}) == {"doubled"}


def test_graph_rejects_unknown_names_and_cycles() -> None:
    @quantity
    def a(b):  # type: ignore[no-untyped-def]
        return b

    @quantity
    def b(a):  # type: ignore[no-untyped-def]
        return a

    with pytest.raises(DlexamError, match="neither a parameter nor a quantity"):
        Graph({"doubled": doubled}, [])
    with pytest.raises(DlexamError, match="cycle"):
        Graph({"a": a, "b": b}, [])


# -- parameter types --------------------------------------------------------------------------
def test_parameters_read_exact_text() -> None:
    assert Real("w", values=("pi/2",)).coerce("pi/2") == sympy.pi / 2
    assert Rational("lr").coerce("3/2") == sympy.Rational(3, 2)
    assert Decimal("p", digits=2).coerce("0.25") == sympy.Rational(1, 4)
    assert Vector("x", length=2).coerce("[2, 1]") == [2, 1]
    assert Matrix("m", rows=2, cols=2).coerce("[[1, 0], [0, 1]]") == [[1, 0], [0, 1]]
    assert Choice("loss", ("l2", "logistic")).coerce("l2") == "l2"
    assert Choice("k", (3, 5)).coerce("5") == 5


def test_vector_of_varying_length_draws_and_accepts_each_length() -> None:
    param = Vector("w", lengths=(2, 3, 4))
    rng = np.random.default_rng(0)
    assert {len(param.sample(rng)) for _ in range(60)} == {2, 3, 4}
    assert param.coerce("[1, 2, 3, 4]") == [1, 2, 3, 4]
    assert param.describe()["lengths"] == [2, 3, 4]


@pytest.mark.parametrize(
    ("param", "text", "message"),
    [
        (Integer("n"), "1.5", "expected an integer"),
        (Integer("n"), "__import__('os')", "cannot read"),
        (Decimal("p", digits=1), "0.25", "at most 1 decimals"),
        (Vector("x", length=2), "[1, 2, 3]", "expected 2 entries"),
        (Vector("x", lengths=(2, 3)), "[1, 2, 3, 4]", "expected 2 or 3 entries"),
        (Matrix("m", rows=2, cols=2), "[1, 2]", "2x2 matrix"),
        (Choice("loss", ("l2",)), "hinge", "expected one of l2"),
    ],
)
def test_parameters_reject_bad_values_with_their_name(param, text, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DlexamError, match=message) as error:
        param.coerce(text)
    assert param.name in str(error.value)


def test_sampling_uses_only_the_given_rng() -> None:
    import numpy as np

    params = (Integer("n", 1, 100), Rational("r"), Vector("v", length=3))
    first = [p.sample(np.random.default_rng(7)) for p in params]
    second = [p.sample(np.random.default_rng(7)) for p in params]
    assert first == second


# -- formatting --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "value",
    [
        sympy.Rational(-2, 3),
        sympy.sqrt(3) / 2,
        sympy.pi / 2,
        sympy.exp(-3),
        sympy.log(2) * 2,
        1 / (1 + sympy.exp(-2)),
        [sympy.Rational(1, 2), -sympy.pi],
        [[1, 0], [sympy.Rational(3, 4), 2]],
    ],
)
def test_exact_strings_read_back_to_the_same_value(value) -> None:  # type: ignore[no-untyped-def]
    assert mathtext.parse(exact_string(value)) == value


def test_shapes_sets_and_numbers_have_stable_forms() -> None:
    assert exact_string(Shape((8, 8, 5))) == "8x8x5"
    assert latex(Shape((8, 8, 5))) == r"8 \times 8 \times 5"
    interval = sympy.Union(sympy.Interval.Lopen(0, sympy.Rational(1, 3)), sympy.FiniteSet(2))
    assert exact_string(interval) == "(0, 1/3] U {2}"
    assert number(interval) == [[0, pytest.approx(1 / 3)], [2, 2]]
    assert number(sympy.Interval(0, sympy.oo)) == [[0, None]]
    assert number(sympy.Integer(5)) == 5 and isinstance(number(sympy.Integer(5)), int)
    assert number(sympy.Symbol("w") + 1) is None


@pytest.mark.parametrize(
    ("value", "digits", "text"),
    [
        (sympy.Rational(1, 8), 2, "0.13"),
        (sympy.Rational(-1, 1000), 2, "0.00"),
        (sympy.pi, 4, "3.1416"),
    ],
)
def test_fixed_decimals_round_half_up_from_the_exact_value(value, digits, text) -> None:  # type: ignore[no-untyped-def]
    assert Fixed(value, digits).text() == text


# -- loading families ------------------------------------------------------------------------
def _copy_reference(root: Path, name: str = "conv_shape") -> Path:
    target = root / name
    shutil.copytree(BUNDLED / "conv_shape", target, ignore=shutil.ignore_patterns("__pycache__"))
    if name != "conv_shape":
        meta = target / "meta.yaml"
        meta.write_text(meta.read_text().replace("id: conv_shape", f"id: {name}"))
    return target


@pytest.mark.parametrize(
    ("breakage", "reason"),
    [
        (lambda f: (f / "solution.tex.j2").unlink(), "missing solution.tex.j2"),
        (lambda f: (f / "numeric.py").unlink(), "missing numeric.py"),
        (lambda f: (f / "meta.yaml").write_text("id: [unclosed"), "not valid YAML"),
        (
            lambda f: (f / "meta.yaml").write_text(
                (f / "meta.yaml").read_text().replace("kind: shape", "kind: banana", 1)
            ),
            "unknown kind 'banana'",
        ),
        (
            lambda f: (f / "meta.yaml").write_text(
                (f / "meta.yaml").read_text().replace("answer: n_params", "answer: n_nothing")
            ),
            "quantity 'n_nothing'",
        ),
        (lambda f: (f / "solution.py").write_text("raise RuntimeError('boom')"), "boom"),
    ],
)
def test_a_broken_folder_is_reported_by_name_and_the_others_still_work(
    tmp_path: Path, breakage: Callable[[Path], object], reason: str
) -> None:
    _copy_reference(tmp_path)
    breakage(_copy_reference(tmp_path, "broken_copy"))
    registry = load_registry([tmp_path])
    assert list(registry.families) == ["conv_shape"]
    assert reason in registry.broken["broken_copy"]
    with pytest.raises(DlexamError, match="broken"):
        registry.get("broken_copy")


def test_adding_a_folder_adds_a_family(tmp_path: Path) -> None:
    _copy_reference(tmp_path, "my_conv")
    registry = load_registry([tmp_path])
    family = registry.get("my_conv")
    assert family.title and family.dependencies(family.part("b")) == []
    assert registry.by_topic("cnn") == [family]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (sympy.Rational(1, 3), "0.333333"),
        (sympy.Integer(123456789), "123457000"),
        (sympy.Rational(-5, 1000), "-0.005"),
        (7 * sympy.Rational(1, 10**9), "0.000000007"),
    ],
)
def test_significant_figures_never_use_exponent_notation(value, text) -> None:  # type: ignore[no-untyped-def]
    assert Significant(value, 6).text() == text


def test_long_keys_are_shown_rounded_only_when_irrational() -> None:
    from generator.formatting import is_irrational

    assert is_irrational([1, sympy.exp(-3)]) and not is_irrational([[1, 2], [3, 4]])
    assert not is_irrational(Shape((2, 2))) and not is_irrational("A,C")


def test_a_topic_outside_the_vocabulary_breaks_the_folder_with_the_list(tmp_path: Path) -> None:
    folder = _copy_reference(tmp_path, "odd_topic")
    meta = folder / "meta.yaml"
    meta.write_text(meta.read_text().replace("topics: [cnn]", "topics: [convnets]"))
    reason = load_registry([tmp_path]).broken["odd_topic"]
    assert "topics ['convnets']" in reason and "cnn" in reason


def test_a_family_outside_the_repository_can_import_its_own_helpers(tmp_path: Path) -> None:
    """Families import sibling modules relatively, so a private folder works like a bundled one."""
    shutil.copytree(
        BUNDLED / "rnn_lstm_forward",
        tmp_path / "rnn_lstm_forward",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    registry = load_registry([tmp_path])
    assert registry.broken == {}
    family = registry.get("rnn_lstm_forward")
    assert family.folder == tmp_path / "rnn_lstm_forward"
    assert family.numeric(family.source_instance())
