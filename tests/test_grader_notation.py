"""A user's-eye review of the grader: right answers in the notations students really type.

Each case was found by grading generated exams (the bundled specs) with answers written the way
students write a correct answer; before the fix each one was ``invalid`` or ``wrong``. Wrong
answers next to them must stay wrong.
"""

from __future__ import annotations

from typing import Any

import pytest

from grader.part import KeyPart, grade_part
from tests.keyparts import key_part

FULL = ("correct", "within-tolerance")


def key(kind: str, exact: str, **extra: Any) -> KeyPart:
    return key_part(kind, exact, ("number", "vector", "matrix", "interval"), **extra)


def graded(kind: str, exact: str, text: str, **extra: Any) -> str:
    return grade_part(key(kind, exact, **extra), text).status


@pytest.mark.parametrize(
    "text",
    [
        "'0.5",  # Excel's text prefix
        '="0.5"',  # Excel's forced text, as a CSV export writes it
        "=0.5",
        "0.5.",  # a sentence's full stop
        "y = 0.5",  # the quantity's name
        "y ≈ 0.5",
        r"$y \approx 0.5$",
        "~0.5",
        "1/2 = 0.5",  # the working, then the answer
        "0.5\u200b",  # a zero-width space pasted from a web page
        "\ufeff0.5",
        "0.5\x00",  # a NUL from a broken export
        "½",
        "5x10^-1",
        "5 X 10^(-1)",
        r"0{,}5",
    ],
)
def test_what_students_type_around_a_number(text: str) -> None:
    assert graded("number", "1/2", text) in FULL


@pytest.mark.parametrize("text", ["1 1/2", "1½", r"1\frac{1}{2}", r"1 \tfrac12", "1.5"])
def test_mixed_numbers_are_whole_plus_fraction(text: str) -> None:
    """``1\\frac{1}{2}`` was read as 1·½ = 0.5 and ``1½`` (Unicode: ``11⁄2``) as 5.5."""
    assert graded("number", "3/2", text) == "correct"
    assert graded("number", "-3/2", "-" + text) == "correct"
    assert graded("number", "1/2", text) == "wrong"


def test_a_fraction_after_a_number_is_still_a_product_when_it_is_no_mixed_number() -> None:
    assert graded("number", "2*pi/3", r"2\frac{\pi}{3}") == "correct"
    assert graded("number", "3*sqrt(3)/2", r"3\frac{\sqrt{3}}{2}") == "correct"
    assert graded("expression", "x**2/2", r"x^2\frac{1}{2}", symbols=["x"]) == "correct"
    assert graded("number", "1/4", r"0.5\frac{1}{2}") == "correct"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("1.2x10^-3", "correct"),
        ("1.2X10^-3", "correct"),
        ("1.2 x 10^(-3)", "correct"),
        ("1.2x10**-3", "correct"),
        ("1.2x10^3", "wrong"),
        ("1.2 E-3", "correct"),
        ("1.2E -3", "correct"),
        ("1.2 • 10^-3", "correct"),
        ("-1.2x10^-3", "wrong"),
    ],
)
def test_scientific_notation_with_an_x(text: str, status: str) -> None:
    assert graded("number", "0.0012", text) == status


def test_an_x_before_ten_stays_the_symbol_where_x_is_one() -> None:
    assert graded("expression", "20*x", "2x10", symbols=["x"]) == "correct"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("6.055", "correct"),  # German thousands dot
        ("6.055.", "correct"),
        ("n = 6055", "correct"),
        ("6055bytes", "correct"),  # the unit without a space
        ("6.05", "wrong"),
        ("6056", "wrong"),
    ],
)
def test_counts_with_thousands_dots_and_glued_units(text: str, status: str) -> None:
    assert graded("integer", "6055", text, unit="bytes") == status


def test_a_dot_that_can_be_a_decimal_point_of_the_count_stays_one() -> None:
    assert graded("integer", "3", "3.000") == "correct"
    assert graded("integer", "1576000", "1.576.000") == "correct"
    assert graded("integer", "1024", "1.024 kB", unit="bytes", unit_multiples=True) == "correct"
    shown = grade_part(key("integer", "6", unit="bytes"), "6.05")
    assert shown.status == "wrong" and "6.055 = 6055" in shown.reason


@pytest.mark.parametrize(
    "text",
    [
        "[1, -2]^T",
        "(1, -2)ᵀ",
        r"(1, -2)^{T}",
        r"(1, -2)^\top",
        r"\begin{pmatrix}1 \\ -2\end{pmatrix}",
        r"$\begin{bmatrix} 1 & -2 \end{bmatrix}$",
        "[1, -2].",
        "w = [1, -2]",
        "1 -2",
    ],
)
def test_vectors_as_columns_and_in_latex(text: str) -> None:
    assert graded("vector", "[1, -2]", text) == "correct"


@pytest.mark.parametrize(
    "text",
    [
        "1.5 -2; -3 4",  # rows of spaced entries with minus signs (were read as 1.5 - 2)
        "[1,5 -2; -3 4]",  # decimal commas in spaced rows
        "1.5 -2\n-3 4",
        r"\begin{bmatrix}1,5 & -2 \\ -3 & 4\end{bmatrix}",
        r"\begin{pmatrix}1{,}5 & -2 \\ -3 & 4\end{pmatrix}",
        "[[1.5, -3], [-2, 4]]^T",
    ],
)
def test_matrices_row_by_row(text: str) -> None:
    assert graded("matrix", "[[3/2, -2], [-3, 4]]", text) == "correct"


def test_a_transposed_matrix_is_read_transposed() -> None:
    assert graded("matrix", "[[1, 2], [3, 4]]", "[[1, 2], [3, 4]]^T") == "wrong"


@pytest.mark.parametrize(
    "text",
    ["a ∈ (0, 1/3)", r"\alpha \in (0, 1/3)", "a in (0, 1/3)", "{x | 0 < x < 1/3}", "{a : 0<a<1/3}"],
)
def test_intervals_with_the_variable_named(text: str) -> None:
    assert graded("interval", "(1/34, oo)", "(1/34, infinity)") == "correct"
    assert graded("interval", "(0, 1/3)", text) == "correct"
    assert graded("interval", "[0, 1/3]", text) == "wrong"


@pytest.mark.parametrize(
    ("text", "exact"), [("B.", "B"), ("b)", "B"), ("a) c)", "A,C"), ("(A), (C).", "A,C")]
)
def test_options_as_labelled_on_the_sheet(text: str, exact: str) -> None:
    kind = "multi" if "," in exact else "choice"
    assert graded(kind, exact, text, options=[{"label": x} for x in "ABCD"]) == "correct"


def test_design_answers_keep_their_equals_signs() -> None:
    part = key("expression", "2*w - 1", symbols=["w"])
    assert grade_part(part, "f(w) = 2w - 1").status == "correct"
    assert grade_part(part, "f(w) = 2w + 1").status == "wrong"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("6055 parameters", "correct"),
        ("6055 params.", "correct"),
        ("6 055 weights", "correct"),
        ("6056 parameters", "wrong"),
        ("2 w", "invalid"),  # a letter is no counted noun
    ],
)
def test_a_count_may_name_what_it_counts(text: str, status: str) -> None:
    result = grade_part(key("integer", "6055"), text)
    assert result.status == status
    if status != "invalid":
        assert result.answer == " ".join(text.rstrip(".").replace("6 055", "6055").split())


def test_the_thousands_rule_is_explained_only_where_a_separator_was_typed() -> None:
    assert "1,576 = 1576" in grade_part(key("integer", "2"), "2,5").reason
    assert "1,576" not in grade_part(key("integer", "6"), "2 pi").reason


@pytest.mark.parametrize(
    "text",
    ["1,2·10^(-3)", "1,2*10^(-3)", r"1,2 \cdot 10^{-3}", r"$1{,}2 \times 10^{-3}$", "(1,2)*10^-3"],
)
def test_decimal_commas_next_to_parentheses_and_latex_groups(text: str) -> None:
    """A decimal comma was read only when the answer had no parenthesis or brace."""
    assert graded("number", "0.0012", text) == "correct"
    assert graded("number", "0.012", text) == "wrong"


def test_decimal_commas_in_expressions() -> None:
    domains = {"w": "positive", "x": "positive"}
    part = key("expression", "2*w*x/5 - log(w)", symbols=["w", "x"], domains=domains)
    assert grade_part(part, "0,4 w x - ln(w)").status == "correct"


@pytest.mark.parametrize(
    "text", ["[0,5, -1,5]", "0,5, -1,5", "{0.5, -1.5}", "⟨0.5, -1.5⟩", "<0.5, -1.5>", "[0.5 -1.5 ]"]
)
def test_vectors_with_decimal_commas_and_other_brackets(text: str) -> None:
    assert graded("vector", "[1/2, -3/2]", text) == "correct"
    assert graded("vector", "[1/2, 3/2]", text) == "wrong"


def test_a_comma_list_keeps_its_items_when_they_have_the_expected_shape() -> None:
    assert graded("vector", "[1, 2, 3, 4]", "[1,2, 3,4]") == "correct"
    assert graded("vector", "[1/2, -3/2]", "[1, 2, 3, 4]") == "wrong"


@pytest.mark.parametrize(
    "text",
    [
        "[[0.5 -1] [2 0]]",
        "[[ 0.5 -1. ]\n [ 2.   0. ]]",  # numpy's print
        "{{0.5, -1}, {2, 0}}",  # Mathematica, Wolfram Alpha
        "[0,5, -1; 2, 0]",
        "[[0,5, -1], [2, 0]]",
    ],
)
def test_matrices_as_numpy_and_other_tools_print_them(text: str) -> None:
    assert graded("matrix", "[[1/2, -1], [2, 0]]", text) == "correct"
    assert graded("matrix", "[[1/2, 1], [2, 0]]", text) == "wrong"


def test_a_single_number_for_a_vector_is_told_apart_in_plain_words() -> None:
    result = grade_part(key("vector", "[1/2, -3/2]"), "0.5")
    assert result.status == "wrong" and result.reason == "expected shape 2 entries, got 1 entry"


@pytest.mark.parametrize(
    ("kind", "exact", "text"),
    [
        ("choice", "B", "Answer: B"),
        ("choice", "B", "option b"),
        ("choice", "B", '"B"'),
        ("choice", "B", "“B”"),
        ("multi", "B,D", "options B and D"),
        ("number", "1/2", "Lösung: 0,5"),
        ("number", "1/2", "ans = 0.5"),
        ("number", "1/2", '"0,5"'),
        ("number", "1/2", "'0.5'"),
        ("number", "1/2", "‘0.5’"),
    ],
)
def test_answer_words_and_quotes_around_the_answer(kind: str, exact: str, text: str) -> None:
    options = [{"label": x} for x in "ABCD"]
    assert graded(kind, exact, text, options=options) == "correct"


def test_a_yes_no_part_asks_for_yes_or_no() -> None:
    result = grade_part(key("choice", "yes"), "maybe")
    assert result.status == "invalid" and result.reason.endswith("(write it like yes)")


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("10x10x5 px", "correct"),  # a part without a unit
        ("10 by 10 by 5", "correct"),
        ("(None, 10, 10, 5)", "correct"),  # Keras's model.summary()
        ("(None, 10, 10)", "wrong"),
        ("(10, None, 10, 5)", "invalid"),
    ],
)
def test_shapes_as_people_and_keras_write_them(text: str, status: str) -> None:
    assert graded("shape", "10x10x5", text) == status


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("w1 = 0.5, w2 = -1.5", "correct"),
        ("w_1 = 0,5; w_2 = -1,5", "correct"),
        ("w1 = 0.5, w2 = 1.5", "wrong"),
        ("w = [0.5, -1.5]", "correct"),
    ],
)
def test_vector_entries_named_one_by_one(text: str, status: str) -> None:
    assert graded("vector", "[1/2, -3/2]", text) == status


def test_an_unreadable_expression_is_told_the_parts_own_names() -> None:
    result = grade_part(key("expression", "2*p + 12", symbols=["p"]), "2q + 12")
    assert result.status == "invalid"
    assert (
        result.reason
        == "cannot read the answer: character 2: unknown name 'q' (write it in p like 2*p - 1)"
    )


@pytest.mark.parametrize("text", ["\u200b", "'", '=""', " \u00a0 ", "\ufeff"])
def test_cells_that_look_empty_are_blank(text: str) -> None:
    assert graded("number", "1/2", text) == "blank"


@pytest.mark.parametrize(
    ("kind", "exact", "text", "reason"),
    [
        ("number", "sqrt(3)/2", "0.87", "the part asks for three significant figures"),
        ("vector", "[-5*sqrt(3), 1]", "[-8.7, 1]", "1 of 2 entries are off (1 right only when"),
        ("integer", "259375000", "2.59E+08", "a count is graded exactly"),
        ("integer", "259375000", "2,59E+08", "a count is graded exactly"),
    ],
)
def test_an_answer_rounded_too_far_is_told_so(
    kind: str, exact: str, text: str, reason: str
) -> None:
    result = grade_part(key(kind, exact), text)
    assert result.status == "wrong" and reason in result.reason


def test_a_plainly_wrong_number_is_not_called_rounded() -> None:
    assert grade_part(key("number", "sqrt(3)/2"), "0.86").reason == "does not match the key"
    assert "graded exactly" not in grade_part(key("integer", "259375000"), "2.58e8").reason


@pytest.mark.parametrize("minus", ["-", "−", "–", "‐", "‑", "‒", "－"])
def test_every_minus_a_word_processor_writes(minus: str) -> None:
    assert graded("number", "-1/2", f"{minus}0.5") == "correct"
    assert graded("vector", "[1, -2]", f"[1, {minus}2]") == "correct"


@pytest.mark.parametrize(
    "text", ["2-Jan", "01. Feb", "4-Mar", "Jan-02", "1. Mai 2026", "02-Jan-26"]
)
def test_a_fraction_a_spreadsheet_turned_into_a_date_is_explained(text: str) -> None:
    result = grade_part(key("number", "1/2"), text)
    assert result.status == "invalid" and "a spreadsheet makes of a fraction" in result.reason


@pytest.mark.parametrize(
    ("text", "status"),
    [("0.333...", "within-tolerance"), ("0.333…", "within-tolerance"), ("0.33...", "wrong")],
)
def test_a_decimal_that_goes_on(text: str, status: str) -> None:
    assert graded("number", "1/3", text) == status


@pytest.mark.parametrize(
    ("text", "exact"), [("1'576", "1576"), ("1’576’000", "1576000"), ("[1'576, 2]", "[1576, 2]")]
)
def test_swiss_thousands_apostrophes(text: str, exact: str) -> None:
    kind = "vector" if "[" in exact else "integer"
    assert graded(kind, exact, text) == "correct"
    assert graded("number", "1576.5", "1'576.5") == "correct"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("η < 1/17", "correct"),  # the question asks about eta > 0; was wrong: (-oo, 1/17)
        ("eta < 0.0588", "within-tolerance"),
        ("0 < η < 1/17", "correct"),
        ("η <= 1/17", "wrong"),
        ("η > 1/17", "wrong"),
    ],
)
def test_a_set_within_the_numbers_the_question_asks_about(text: str, status: str) -> None:
    domains = {"eta": "positive"}
    assert graded("interval", "(0, 1/17)", text, symbols=["eta"], domains=domains) == status
    assert graded("interval", "(0, 1/17)", "η < 1/17") == "wrong"  # no domain declared


def test_learning_rate_sets_declare_that_the_rate_is_positive() -> None:
    from generator.registry import default_registry

    registry = default_registry()
    for family, part_ids in (("sgd_quadratic", "abc"), ("lr_per_coordinate", "d")):
        parts = {p.id: p for p in registry.get(family).parts}
        for part_id in part_ids:
            domains = parts[part_id].domains
            assert isinstance(domains, dict) and set(domains.values()) == {"positive"}


def test_a_power_of_ten_after_a_space_is_a_product_in_a_single_value_only() -> None:
    """``1.2 10^-3`` as handwriting sets it was unreadable; in a vector the space separates
    entries, so there ``1.2 10^-3`` stays two entries."""
    assert graded("number", "3/2500", "1.2 10^-3") == "correct"
    assert graded("number", "3/2500", "1,2 10^(-3)") == "correct"
    assert graded("integer", "259375000", "2.59375 10^8") == "correct"
    assert graded("number", "3/2500", "1.3 10^-3") == "wrong"
    assert graded("vector", "[6/5, 1/1000]", "1.2 10^-3") in FULL


def test_letters_typed_for_digits_are_not_guessed_but_named() -> None:
    """``1OO4`` (letter O) stays unreadable, never read as 1004, and the reason says why; S and B
    are named only next to digits (``6,2S``)."""
    part = key("integer", "1004")
    result = grade_part(part, "1OO4")
    assert result.status == "invalid"
    assert "'O' is a letter, not the digit 0" in result.reason
    assert "'l' is a letter, not the digit 1" in grade_part(key("integer", "15"), "l5").reason
    assert "is a letter" not in grade_part(part, "abc").reason
    number = key("number", "31/5")
    assert "'S' is a letter, not the digit 5" in grade_part(number, "6,2S").reason
    assert "'B' is a letter, not the digit 8" in grade_part(number, "1B5").reason
    for alone in ("B", "2s"):  # an option letter, a unit: not taken for a digit
        result = grade_part(number, alone)
        assert result.status == "invalid" and "is a letter" not in result.reason
    assert "is a letter" not in grade_part(number, "3 B").reason  # read as 3 and a word


SOFTMAX = "-1 + exp(z1)/(exp(z1) + exp(z2) + exp(z3))"  # softmax_ce: dL/dz1 for the label 1


@pytest.mark.parametrize(
    ("text", "status"),
    [
        (r"\frac{e^{z_1}}{\sum_{j=1}^{3} e^{z_j}} - 1", "correct"),
        (r"e^{z_1}/\sum_{j=1}^3 e^{z_j} - 1", "correct"),  # the sum binds the product after it
        (r"\frac{\exp(z_1)}{\sum_j \exp(z_j)} - 1", "correct"),  # j over the part's z1, z2, z3
        (r"-1 + e^{z_1} / \sum_{k} e^{z_k}", "correct"),
        (r"\frac{e^{z_1}}{\sum_{j=1}^{2} e^{z_j}} - 1", "wrong"),  # a term left out
        (r"\frac{e^{z_1}}{\sum_{j=1}^{3} e^{z_j}}", "wrong"),
        ("e^(z1)/Σ_j e^(z_j) - 1", "correct"),  # typed on a phone: Greek capital sigma
        ("exp(z1)/∑_j exp(zj) - 1", "correct"),  # N-ARY SUMMATION, zj as z1 is typed for z_1
        ("exp(z_1)/Σ_{j=1}^3 exp(z_j) - 1", "correct"),
        ("exp(z1)/sum_j exp(z_j) - 1", "correct"),
        ("exp(z1)/sum_{j=1}^{2} exp(z_j) - 1", "wrong"),
    ],
)
def test_sums_written_with_sigma(text: str, status: str) -> None:
    assert graded("expression", SOFTMAX, text, symbols=["z1", "z2", "z3"]) == status


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (r"\sum_{j=1}^{99999999999} e^{z_j}", "a sum of 1 to 50 terms, not 99999999999"),
        (r"\sum_j e^{y_j}", r"give the sum's range, like \sum_{j=1}^{3}"),
        (r"\sum_{j=1} e^{z_j}", r"a sum needs both limits, like \sum_{j=1}^{3}"),
        (r"\sum e^{z}", r"a sum needs its index, like \sum_{j=1}^{3} e^{z_j}"),
        ("∑ e^z1", r"a sum needs its index, like \sum_{j=1}^{3} e^{z_j}"),
        ("Σ e^z1", "unknown name 'Sigma'"),  # no index: the letter, not a sum
        (r"\sum_{i=1}^{50} \sum_{j=1}^{50} \sum_{k=1}^{50} e^{z_1}", "too long written out"),
    ],
)
def test_a_sum_that_cannot_be_written_out_is_unreadable_with_a_hint(text: str, reason: str) -> None:
    result = grade_part(key("expression", SOFTMAX, symbols=["z1", "z2", "z3"]), text)
    assert result.status == "invalid" and reason in result.reason


def test_sigma_without_an_index_stays_the_letter() -> None:
    assert graded("expression", "2*Sigma + 1", "2Σ + 1", symbols=["Sigma"]) == "correct"
    assert graded("expression", "zj + 1", "zj + 1", symbols=["zj"]) == "correct"


@pytest.mark.parametrize(
    ("kind", "exact", "text"),
    [
        ("vector", "[1, -2]", "array([ 1., -2.])"),  # numpy's repr, pasted from a notebook
        ("vector", "[1, -2]", "np.array([1, -2], dtype=int64)"),
        ("vector", "[1, -2]", "tensor([ 1.0000, -2.0000], requires_grad=True)"),
        ("matrix", "[[1, 0], [0, -2]]", "array([[ 1.,  0.],\n       [ 0., -2.]], dtype=float32)"),
        ("matrix", "[[1, 0], [0, -2]]", "torch.tensor([[1., 0.], [0., -2.]])"),
        ("number", "3/2500", "tensor(0.0012, grad_fn=<MulBackward0>)"),
        ("number", "3/2500", "np.float64(0.0012)"),  # numpy 2 prints scalars so
        ("integer", "1576", "np.int64(1576)"),
        ("shape", "16x16x8", "torch.Size([16, 16, 8])"),  # x.shape of a tensor
    ],
)
def test_what_python_prints_for_arrays_and_tensors_is_read(
    kind: str, exact: str, text: str
) -> None:
    assert graded(kind, exact, text) == "correct"


def test_a_call_python_does_not_print_stays_unreadable() -> None:
    assert graded("vector", "[1, -2]", "array(1, -2)") == "invalid"
    assert graded("vector", "[1, -2]", "tensor([1., 2.])") == "wrong"  # read, then compared


def test_a_shape_in_another_order_is_wrong_and_told_so() -> None:
    """Channels first (8x16x16) where the part asks for H x W x C: no credit, but the reason
    says the sizes are right and their order is not."""
    result = grade_part(key("shape", "16x16x8"), "(8, 16, 16)")
    assert result.status == "wrong" and "another order" in result.reason
    assert "another order" not in grade_part(key("shape", "16x16x8"), "16x16x4").reason


@pytest.mark.parametrize("text", ["1.2·10−3", "1,2×10-3", "1.2x10-3", "1.2 10−3"])
def test_a_power_of_ten_without_its_caret_is_unreadable_not_wrong(text: str) -> None:
    """Copied from a PDF, 1.2·10⁻³ loses its superscript; read literally (1.2·10 - 3 = 9) it
    would be marked wrong for an answer everybody reads as 0.0012."""
    result = grade_part(key("number", "3/2500"), text)
    assert result.status == "invalid" and "needs its ^" in result.reason
    assert graded("number", "3/2500", text.replace("10", "10^", 1)) in FULL


def test_arithmetic_with_a_ten_is_still_arithmetic() -> None:
    assert graded("integer", "17", "2*10-3") == "correct"
    assert graded("vector", "[12, 7]", "[1.2*10, 10-3]") == "correct"
