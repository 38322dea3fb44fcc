"""Issue 11, fairness: right answers in any reasonable notation are accepted, wrong ones are not.

Each test holds the issue's own examples verbatim and a corpus of the same class of input.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import sympy

from generator import keys as keys_module
from generator import mathtext
from generator.crosscheck import same_expression
from generator.instance import Instance
from generator.registry import default_registry
from generator.rendering import precision_text
from generator.spec import load_spec
from generator.variants import build_exam
from grader import bounded_value
from grader.part import KeyPart, QuestionInfo, grade_part
from tests.keyparts import key_part

if TYPE_CHECKING:
    from conftest import GradeOne


def key(kind: str, exact: str | None, **extra: Any) -> KeyPart:
    return key_part(kind, exact, ("number", "vector", "matrix"), **extra)


def status(part: KeyPart, text: str) -> str:
    return grade_part(part, text).status


def exam_question(tmp_path: Path, family: str, params: str, position: int = 0) -> QuestionInfo:
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        f"title: T\nseed: 1\nvariants: 1\nquestions:\n  - family: {family}\n    params: {params}\n",
        encoding="utf-8",
    )
    document = keys_module.exam_keys(build_exam(load_spec(spec, default_registry())))
    keys_module.validate(document)
    return QuestionInfo(document["variants"][0]["questions"][position])


# -- 1. expression equivalence over each symbol's whole domain ---------------------------------
def expression(exact: str, symbols: list[str], **domains: str) -> KeyPart:
    return key("expression", exact, symbols=symbols, domains=domains)


@pytest.mark.parametrize(
    ("exact", "symbols", "domains", "text"),
    [
        ("2*H*Abs(theta)", ["H", "theta"], {"H": "positive"}, "2*H*theta"),  # the issue's
        ("w", ["w"], {}, "abs(w)"),
        ("w", ["w"], {}, "sqrt(w^2)"),
        ("w + 1", ["w"], {}, "|w|+1"),
        # the same class: agreeing on a positive range only, or only away from a kink
        ("Abs(w - 1)", ["w"], {}, "w - 1"),
        ("Abs(w - 1)", ["w"], {}, "1 - w"),
        ("w*x", ["w", "x"], {}, "abs(w)*x"),
        ("w*x", ["w", "x"], {}, "sqrt(w^2 x^2)"),
        ("log(1 + exp(z))", ["z"], {}, "z"),
        ("1/(1 + exp(-z)) - y", ["z", "y"], {}, "1/(1 + exp(z)) - y"),
        ("w^3", ["w"], {}, "w^2*abs(w)"),
        ("w^2", ["w"], {}, "w^2 + w/1000000"),
        ("log(K)", ["K"], {"K": "positive-integer"}, "K - 1"),
    ],
)
def test_expressions_that_differ_somewhere_in_the_domain_are_wrong(
    exact: str, symbols: list[str], domains: dict[str, str], text: str
) -> None:
    result = grade_part(expression(exact, symbols, **domains), text)
    assert result.status == "wrong", result
    assert "differ at" in result.reason


@pytest.mark.parametrize(
    ("exact", "symbols", "domains", "text"),
    [
        ("2*H*Abs(theta)", ["H", "theta"], {"H": "positive"}, "2H|theta|"),
        ("2*H*Abs(theta)", ["H", "theta"], {"H": "positive"}, "abs(2*H*theta)"),
        ("2*H*Abs(theta)", ["H", "theta"], {"H": "positive"}, "H*sqrt(4 theta^2)"),
        ("w", ["w"], {"w": "positive"}, "sqrt(w^2)"),  # equal where the question says w > 0
        ("w", ["w"], {"w": "nonnegative"}, "abs(w)"),
        ("w + 1", ["w"], {}, "(w^2 - 1)/(w - 1)"),
        ("1/(1 + exp(-z)) - y", ["z", "y"], {}, "exp(z)/(1 + exp(z)) - y"),
        ("log(1 + exp(z))", ["z"], {}, "z + log(1 + exp(-z))"),
        ("log(K)", ["K"], {"K": "positive-integer"}, "-log(1/K)"),
        ("(-1)^n", ["n"], {"n": "integer"}, "cos(pi n)"),
    ],
)
def test_equivalent_expressions_are_right(
    exact: str, symbols: list[str], domains: dict[str, str], text: str
) -> None:
    result = grade_part(expression(exact, symbols, **domains), text)
    assert (result.status, result.points) == ("correct", 2.0), result


def test_l1_threshold_declares_that_h_is_positive_and_theta_any_real(tmp_path: Path) -> None:
    question = exam_question(tmp_path, "l1_threshold", "{form: full}")
    part = question.parts["1a"]
    assert part.domains == {"H": "positive", "theta": "real"}
    assert status(part, "2*H*theta") == "wrong"
    assert status(part, "2*H*abs(theta)") == "correct"
    assert status(part, "2*abs(H*theta)") == "correct"


# -- 2. follow-through with the rounding the exam asks for -------------------------------------
BACKPROP_V002 = (
    "{network: sin_of_dot, loss: l2, x: '[-2, 2]', w: '[pi, pi/6]', b: '0', label: '1', lr: '1/2'}"
)
POLICY = (
    "{reward: squared, x0: 3, x1: 1, x2: 2, r1: 0, r2: 0, theta: 1, offset: 0, action: 1, lr: 2}"
)


def test_follow_through_allows_for_the_rounding_of_earlier_answers(
    tmp_path: Path, grade_one: GradeOne
) -> None:
    """The default exam's V002 question 1: l = 1, so L = (y - 1)^2. A student with y = 1.7071
    (wrong) writes 1b = 1.71 as instructed and 1c = (1.7071 - 1)^2 = 0.5."""
    question = exam_question(tmp_path, "backprop_sin", BACKPROP_V002)
    for text in ("0.5", "0.504", "0.5041", "0.51"):
        results = grade_one(question, {"1b": "1.71", "1c": text})
        assert results["1b"].status == "wrong"
        assert results["1c"].status == "follow-through", (text, results["1c"])
        assert "your answer(s) to 1b give 0.5041" in results["1c"].reason
        if text in ("0.5", "0.51"):  # right only because 1.71 stands for 1.705..1.715
            assert "(0.497 to 0.5112 allowing for the rounding" in results["1c"].reason
    results = grade_one(question, {"1b": "1.71", "1c": "0.49"})
    assert results["1c"].status == "wrong"
    assert "follow-through tried" in results["1c"].reason
    assert "0.5041" in results["1c"].reason


def test_follow_through_with_cancellation(tmp_path: Path, grade_one: GradeOne) -> None:
    """theta' = theta + lr * g = 1 + 2 g: g = -0.49624 gives 0.00752, its rounding -0.496
    gives 0.008, and every g that rounds to -0.496 gives 0.007..0.009."""
    question = exam_question(tmp_path, "policy_gradient", POLICY)
    results = grade_one(question, {"1a": "-0.496", "1b": "0.00752"})
    assert results["1a"].status == "wrong"
    assert results["1b"].status == "follow-through", results["1b"]
    assert "0.007 to 0.009" in results["1b"].reason
    results = grade_one(question, {"1a": "-0.496", "1b": "0.0095"})
    assert results["1b"].status == "wrong"


def test_exact_earlier_answers_carry_no_rounding(tmp_path: Path, grade_one: GradeOne) -> None:
    """1b = 17/10 is exact (not rounded), so 1c must be (0.7)^2 = 0.49 to 3 significant figures;
    whole numbers are exact too."""
    question = exam_question(tmp_path, "backprop_sin", BACKPROP_V002)
    graded = grade_one(question, {"1b": "17/10", "1c": "0.5"})
    assert graded["1c"].status == "wrong"
    graded = grade_one(question, {"1b": "17/10", "1c": "0.49"})
    assert graded["1c"].status == "follow-through"
    graded = grade_one(question, {"1b": "2", "1c": "1.1"})
    assert graded["1c"].status == "wrong"


def test_vector_follow_through_allows_for_each_entry_rounding(
    tmp_path: Path, grade_one: GradeOne
) -> None:
    """1e = w - lr * 1d with lr = 1/2: a student whose 1d is [0.33, -0.33], typed as
    [0.3, -0.3], gets 1e = [pi - 0.165, pi/6 + 0.165] = [2.98, 0.689]; the typed 1d gives
    [2.99, 0.674], and [0.25, 0.35] (each 0.3 +- 0.05) moves each entry by 0.025."""
    question = exam_question(tmp_path, "backprop_sin", BACKPROP_V002)
    answers = {"1b": "0.866", "1c": "0.0179", "1d": "[0.3, -0.3]", "1e": "[2.98, 0.689]"}
    graded = grade_one(question, answers)
    assert graded["1d"].status == "wrong"
    assert graded["1e"].status == "follow-through", graded["1e"]


# -- 3. units and typed notation ----------------------------------------------------------------
@pytest.mark.parametrize(
    "text", ["656 bytes", "656 B", "656 byte", "656", "0.656 kB", "656 bytes."]
)
def test_the_parts_own_unit_and_its_multiples_are_accepted(text: str) -> None:
    part = key("integer", "656", unit="bytes", unit_multiples=True)
    assert status(part, text) == "correct"
    assert grade_part(part, text).expected == "656 bytes"


def test_binary_multiples_and_wrong_units() -> None:
    part = key("integer", "1024", unit="bytes", unit_multiples=True)
    assert status(part, "1 KiB") == "correct"
    assert status(part, "1.024 kB") == "correct"
    assert status(part, "1 kB") == "wrong"
    bits = grade_part(part, "8192 bits")
    assert bits.status == "invalid"
    assert "unit 'bits' is not accepted" in bits.reason and "KiB" in bits.reason
    plain = key("integer", "656", unit="bytes")  # the part allows no multiples
    assert status(plain, "656 bytes") == "correct"
    assert status(plain, "0.656 kB") == "invalid"


def test_conv_budget_memory_accepts_its_unit(tmp_path: Path) -> None:
    question = exam_question(tmp_path, "conv_budget", "{dims: 3, goal: same}")
    part = question.parts["1b"]
    memory = part.raw["exact"]
    assert status(part, f"{memory} bytes") == "correct"
    assert status(part, f"{int(memory) / 1000} kB") == "correct"


@pytest.mark.parametrize("text", ["10x10x32 px", "10 x 10 x 32 pixels", "10x10x32"])
def test_shapes_with_their_unit(text: str) -> None:
    assert status(key("shape", "10x10x32", unit="px"), text) == "correct"


@pytest.mark.parametrize(
    ("exact", "text"),
    [
        ("2/5", r"\frac{2}{5}"),
        ("2/5", "$0.4$"),
        ("2/5", r"$\dfrac{4}{10}$"),
        ("2/5", r"\frac25"),
        ("2/5", r"\left(\frac{2}{5}\right)"),
        ("sqrt(2)", r"\sqrt{2}"),
        ("sqrt(2)", r"\sqrt[2]{2}"),
        ("sqrt(2)", "2^{1/2}"),
        ("6", r"2 \cdot 3"),
        ("6", r"2 \times 3"),
        ("exp(-3)", r"e^{-3}"),
        ("pi/4", r"\frac{\pi}{4}"),
        ("log(2)", r"\ln 2"),
        ("15520", r"15\,520"),
    ],
)
def test_latex_typed_by_students_is_read(exact: str, text: str) -> None:
    assert status(key("number", exact), text) == "correct"


def test_latex_in_expressions_and_intervals() -> None:
    sigmoid = key("expression", "1/(1 + exp(-z)) - y", symbols=["z", "y"])
    for text in (r"\sigma(z) - y", "σ(z) - y", r"$\frac{1}{1+e^{-z}} - y$"):
        assert status(sigmoid, text) == "correct", text
    interval = key("interval", "(0, 4)")
    for text in ("0 < α < 4", r"0 < \alpha < 4", r"$0 < \alpha < 4$", r"]0; 4["):
        assert status(interval, text) == "correct", text
    assert status(interval, r"\{0\} \cup (0, 4)") == "wrong"  # that is [0, 4)
    unknown = grade_part(key("number", "2"), r"\foo{2}")
    assert unknown.status == "invalid" and "unknown LaTeX command \\foo" in unknown.reason


@pytest.mark.parametrize("text", ["15 520", "15\u2009520", "15\u00a0520", "15\u202f520", "15,520"])
def test_digit_groups_in_whole_numbers(text: str) -> None:
    assert status(key("integer", "15520"), text) == "correct"


@pytest.mark.parametrize(
    ("text", "value"),
    [("1 576,5", "1576.5"), ("1,576.5", "1576.5"), ("1.576,5", "1576.5"), ("1 576.5", "1576.5")],
)
def test_digit_groups_in_real_numbers(text: str, value: str) -> None:
    assert status(key("number", value), text) == "correct"


def test_what_1_576_means() -> None:
    """In a whole-number part a comma before exactly three digits separates thousands; in a
    real-number part a single comma is a decimal comma, as European spreadsheets write it."""
    count = key("integer", "1576")
    assert status(count, "1,576") == "correct"
    assert status(count, "1,576,000") == "wrong"
    decimal = grade_part(key("integer", "2"), "1,5")
    assert decimal.status == "wrong"
    assert "1.5 is not a whole number" in decimal.reason and "1,576 = 1576" in decimal.reason
    assert status(key("number", "1.576"), "1,576") == "correct"
    assert status(key("number", "1576"), "1,576") == "wrong"


@pytest.mark.parametrize(
    "text", ["2Hθ*", "2 H θ", r"2 H_{ii} \theta_i^*", "2H_ii θ_i^*", "2*H*theta*", "2Hθ^*"]
)
def test_greek_letters_and_the_names_the_question_prints(text: str) -> None:
    part = key("expression", "2*H*theta", symbols=["H", "theta"])
    assert status(part, text) == "correct", text


@pytest.mark.parametrize(
    ("symbol", "letter"),
    [
        ("alpha", "α"),
        ("beta", "β"),
        ("eta", "η"),
        ("lambda", "λ"),
        ("mu", "μ"),
        ("Delta", "Δ"),
        ("sigma", "σ"),
        ("omega", "ω"),
        ("epsilon", "ε"),
        ("phi", "φ"),
        ("rho", "ρ"),
        ("tau", "τ"),
    ],
)
def test_every_greek_letter_names_its_symbol(symbol: str, letter: str) -> None:
    part = key("expression", f"2*{symbol} + 1", symbols=[symbol])
    assert status(part, f"2{letter} + 1") == "correct"
    assert status(part, f"2\\{symbol} + 1") == "correct"


def test_subscripted_symbols_as_printed() -> None:
    part = key("expression", "w1*x", symbols=["w0", "w1", "x"])
    for text in ("w_1 x", "w_{1} x", r"w_{1} \cdot x", "w1 x"):
        assert status(part, text) == "correct", text
    assert status(part, "w_0 x") == "wrong"


# -- 4. tolerances -------------------------------------------------------------------------------
SOFTMAX_KEY = "[0.2654, 0.7214, 0.0000044, 0.01324]"


def test_vector_entries_share_a_floor_set_by_the_largest_entry() -> None:
    part = key("vector", SOFTMAX_KEY)
    assert status(part, "[0.265, 0.721, 0, 0.0132]") == "within-tolerance"
    assert status(part, "[0.265, 0.721, 0.00000440, 0.0132]") == "within-tolerance"
    assert status(part, "[0.265, 0.721, 0.001, 0.0132]") == "wrong"  # 0.001 is not ~0
    assert status(part, "[0.265, 0.721, 0, 0.0135]") == "wrong"
    matrix = key("matrix", "[[10, 0.00002], [3, 0.5]]")
    assert status(matrix, "[[10, 0], [3, 0.5]]") == "within-tolerance"
    assert status(matrix, "[[10, 0], [3, 0.51]]") == "wrong"


def test_per_entry_partial_credit_where_the_part_says_so() -> None:
    part = key("vector", "[1, 2, 3, 4]", scoring="partial")
    result = grade_part(part, "[1, 2, 3, 5]")
    assert (result.status, result.points) == ("partial", 1.5)
    assert "1 of 4 entries are off" in result.reason
    assert grade_part(part, "[1, 2]").points == 0.0  # a wrong shape earns nothing
    assert status(key("vector", "[1, 2, 3, 4]"), "[1, 2, 3, 5]") == "wrong"


@pytest.mark.parametrize(
    ("family", "part_id"),
    [("l1_threshold", "b"), ("optimizer_steps", "a"), ("skip_connections", "d")],
)
def test_families_with_per_entry_rubrics_give_per_entry_credit(family: str, part_id: str) -> None:
    assert default_registry().get(family).part(part_id).scoring == "partial"


@pytest.mark.parametrize("text", ["259375000", "2.59375e8", "2.59375·10^8", "259 375 000"])
def test_counts_are_exact_in_any_notation(text: str) -> None:
    assert status(key("integer", "259375000"), text) == "correct"


def test_counts_are_not_rounded() -> None:
    assert status(key("integer", "259375000"), "2.59e8") == "wrong"


def test_the_stated_precision_is_the_graded_one(tmp_path: Path) -> None:
    """optimizer_steps and sigmoid_mlp ask for four significant figures: the question text comes
    from the parts' tolerance, and the grader holds answers to it."""
    registry = default_registry()
    for family_id in ("optimizer_steps", "sigmoid_mlp", "policy_gradient"):
        family = registry.get(family_id)
        points = {p.id: p.points for p in family.parts}
        text = Instance(family, family.source_instance(), 1, points).render(
            "question.tex.j2", "exam"
        )
        digits = {p.tolerance["digits"] for p in family.parts if p.kind in ("number", "vector")}
        assert digits == ({3} if family_id == "policy_gradient" else {4}), family_id
        words = "three" if family_id == "policy_gradient" else "four"
        assert f"{words} significant figures" in " ".join(text.split()), family_id
    assert str(precision_text(registry.get("optimizer_steps"))) == "four significant figures"
    part = key("number", "2/3", tolerance={"mode": "sigfig", "digits": 4})
    assert status(part, "0.6667") == "within-tolerance"
    assert status(part, "0.667") == "wrong"


def test_instructions_do_not_promise_three_figures_for_counts() -> None:
    specs = Path(__file__).resolve().parent.parent / "generator" / "specs"
    for spec in specs.glob("*.yaml"):
        text = " ".join(spec.read_text(encoding="utf-8").split())
        if "three significant figures" in text:
            assert "exact whole numbers" in text, spec.name


@pytest.mark.parametrize(
    "text",
    ["exp(exp(exp(exp(exp(H)))))", "tanh(exp(exp(exp(H))))*2*H*abs(theta)", "(H + theta)^100"],
)
def test_expressions_too_large_to_evaluate_are_decided_quickly(text: str) -> None:
    """Whole-domain sampling reaches 1000, where exp(exp(x)) has no value a computer can hold:
    each evaluation and sympy's proof have a time budget, so grading one answer stays quick."""
    part = expression("2*H*Abs(theta)", ["H", "theta"], H="positive")
    started = time.perf_counter()
    assert status(part, text) == "wrong"
    assert time.perf_counter() - started < 5


HOSTILE = ["exp(exp(exp(exp(exp(H)))))", "tanh(exp(exp(exp(H))))*2*H*abs(theta)"]


def test_hostile_expressions_graded_off_the_main_thread_finish(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``dlexam serve`` grades in worker threads, where no SIGALRM timer runs: the numeric check
    itself is bounded (a fixed work budget, not a clock), so a hostile answer cannot hang one."""
    part = expression("2*H*Abs(theta)", ["H", "theta"], H="positive")
    walked: list[sympy.Basic] = []
    real_walk = bounded_value._walk

    def recorded(node: sympy.Basic, *rest: Any) -> Any:
        walked.append(node)
        return real_walk(node, *rest)

    monkeypatch.setattr(bounded_value, "_walk", recorded)
    verdicts: dict[str, str] = {}

    def grade_all() -> None:
        for text in HOSTILE:
            verdicts[text] = status(part, text)

    worker = threading.Thread(target=grade_all, daemon=True)
    worker.start()
    worker.join(timeout=120)  # generous: a hang fails here instead of blocking the suite
    assert not worker.is_alive(), "grading a hostile expression off the main thread hung"
    assert verdicts == dict.fromkeys(HOSTILE, "wrong")
    assert len(walked) < 2 * 60 * bounded_value.MAX_NODES  # 2 trees x ~60 points at most


def test_bounded_value_refuses_towers_and_huge_trees_but_keeps_exact_range() -> None:
    H = sympy.Symbol("H")
    tower = sympy.exp(sympy.exp(sympy.exp(H)))
    with pytest.raises(bounded_value.TooLarge):
        bounded_value.value_at(tower, {H: sympy.Integer(1000)})
    huge = sum(sympy.Symbol(f"x{i}") ** 2 for i in range(bounded_value.MAX_NODES))
    with pytest.raises(bounded_value.TooLarge):
        bounded_value.value_at(huge, {s: sympy.Integer(1) for s in huge.free_symbols})
    with pytest.raises(bounded_value.Undefined):
        bounded_value.value_at(sympy.log(H - 2), {H: sympy.Integer(2)})
    # arbitrary exponents: e^1000 / (1 + e^1000) is 1, not an overflow
    logistic = sympy.exp(H) / (1 + sympy.exp(H))
    assert bounded_value.value_at(logistic, {H: sympy.Integer(1000)}) == 1
    sigmoid = expression("1/(1 + exp(-w))", ["w"])
    assert status(sigmoid, "exp(w)/(1 + exp(w))") == "correct"


@pytest.mark.parametrize(
    "text",
    [
        "2*H*abs(theta) + sin(theta)^2 - tanh(H/3)",
        "sqrt(H - theta) * log(abs(theta) + 1/1000) / (theta - 7/10)",
        "(-2)^theta + (theta - 1/3)^(1/3) + exp(sigmoid(theta)) * pi / e",
        "cos(H*10^6) * tan(theta) + theta^7",
    ],
)
def test_bounded_value_agrees_with_sympy_to_30_digits(text: str) -> None:
    expr = mathtext.parse_scalar(text, ["H", "theta"])
    H, theta = sympy.symbols("H theta")
    for point in (
        {H: sympy.Rational(13, 10), theta: sympy.Rational(-7, 3)},
        {H: sympy.Integer(7), theta: sympy.Integer(3)},
    ):
        want = complex(sympy.N(expr.xreplace(point), 30))
        got = bounded_value.value_at(expr, point)
        assert abs(got - want) <= 1e-14 * max(1.0, abs(want)), (text, point)


def test_generation_cross_check_samples_a_declared_real_symbol_at_both_signs() -> None:
    """A family whose sympy key forgot the Abs of its numeric path is caught when it declares
    the symbol real (undeclared symbols are sampled positive, as the question may assume)."""
    numeric = lambda H, theta: 2 * H * abs(theta)  # noqa: E731
    domains = {"H": "positive", "theta": "real"}
    assert not same_expression(sympy.sympify("2*H*theta"), numeric, ("H", "theta"), domains)
    assert same_expression(sympy.sympify("2*H*Abs(theta)"), numeric, ("H", "theta"), domains)
    assert same_expression(sympy.sympify("2*H*theta"), numeric, ("H", "theta"), {})


def test_digit_groups_in_vectors_use_thin_or_no_break_spaces() -> None:
    part = key("vector", "[15520, 2]")
    for text in ("[15\u2009520, 2]", "15\u00a0520 2", "[15\u202f520; 2]"):
        assert status(part, text) == "correct", text
    assert status(part, "15 520 2") == "wrong"  # a plain space separates entries: 3 of them


@pytest.mark.parametrize(
    ("exact", "text", "verdict"),
    [
        ("Abs(w - 1/10000)", "w - 1/10000", "wrong"),  # they differ on (0, 1/10000) only
        ("Abs(w - 13/10)", "w - 13/10", "wrong"),
        ("Abs(w^2 - 2)", "w^2 - 2", "wrong"),
        ("Abs(w^2 - 2)", "sqrt(w^4 - 4 w^2 + 4)", "correct"),
    ],
)
def test_both_sides_of_the_keys_kinks_are_probed(exact: str, text: str, verdict: str) -> None:
    result = grade_part(expression(exact, ["w"], w="positive"), text)
    assert result.status == verdict, result


def test_domains_can_depend_on_the_variant(tmp_path: Path) -> None:
    """mle_objective's exponential model states w, x, y > 0, where -log(w) = log(1/w); the
    Laplace model lets every symbol be real."""
    exponential = exam_question(tmp_path, "mle_objective", "{density: exponential}").parts["1a"]
    assert exponential.domains == {"w": "positive", "x": "positive", "y": "positive"}
    exact = exponential.raw["exact"]
    assert exact.endswith(" - log(w)")
    assert status(exponential, exact.replace(" - log(w)", " + log(1/w)")) == "correct"
    assert status(exponential, exact.replace("log(w)", "log(abs(w))")) == "correct"
    laplace = exam_question(tmp_path, "mle_objective", "{density: laplace}").parts["1a"]
    assert laplace.domains == {}
    exact = laplace.raw["exact"]
    assert status(laplace, exact.replace("Abs", "")) == "wrong"
