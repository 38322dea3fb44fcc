"""``dlexam check``: the interactive self-check and the CSV check of a practice sheet.

The sheet is built from the source instances of three families, so its keys are known:
conv_shape (1a 8x8x5, 1b 6375, 1c 5x26x7x7), rnn_relu (2a h1 = 0, 2b h2 = 3/2, 2c h3 = 1,
2d = 3/2, 2e = 1, 2f = 0) and free_cnn (3a, graded by hand).
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.practice import Request, Selection, practice_spec, sheet_sources, write_sheet
from generator.registry import default_registry
from generator.variants import build_exam
from grader.latex_text import FIGURE, latex_to_text

FAMILIES = ("conv_shape", "rnn_relu", "free_cnn")
# Answers to every auto-graded part in order (1a..1c, 2a..2f): all right.
RIGHT = ["8x8x5", "6375", "5x26x7x7", "0", "3/2", "1", "3/2", "1", "0"]


def sheet(folder: Path, variants: int = 1, source: bool = True) -> Path:
    registry = default_registry()
    families = tuple(registry.get(fid) for fid in FAMILIES)
    request = Request(seed=5, count=len(families))
    spec = practice_spec(request, Selection(families, ("all topics",) * len(families)))
    spec = replace(spec, questions=tuple(replace(q, source=source) for q in spec.questions))
    write_sheet(sheet_sources(build_exam(spec, variants, 5)), folder)
    return folder / "keys.json"


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sheet(tmp_path_factory.mktemp("sheet"))


def check(*args: str, answers: list[str] | None = None) -> tuple[int, str, str]:
    text = None if answers is None else "\n".join(answers) + "\n"
    result = CliRunner().invoke(main, ["check", *args], input=text)
    return result.exit_code, result.stdout, result.stderr


def interactive(keys: Path, answers: list[str]) -> str:
    """Answers to the nine auto-graded parts, then Enter for the hand-graded one."""
    code, out, err = check(str(keys), answers=[*answers, ""])
    assert code == 0, err
    return out


def test_all_right_answers_score_full_marks_and_show_no_worked_steps(keys: Path) -> None:
    out = interactive(keys, RIGHT)
    assert out.count("right: ") == 9
    assert "worked steps:" in out  # only for the hand-graded free-text part
    assert out.count("worked steps:") == 1
    # ... and the last line says where the steps of the parts answered right are (this sheet
    # has no PDF; next to one, the line names it too).
    assert out.rstrip().splitlines()[-1] == (
        f"worked steps of every part: dlexam check {keys} --steps"
    )


def test_steps_shows_the_worked_steps_of_every_part(keys: Path) -> None:
    code, out, err = check(str(keys), "--steps", answers=[*RIGHT, ""])
    assert code == 0, err
    assert out.count("worked steps:") == 10
    assert "--steps" not in out
    assert out.rstrip().endswith(
        "score: 10 / 10 pt (100 %); 2 pt of parts graded by hand are not included"
    )


def test_a_wrong_answer_shows_the_key_the_worked_steps_and_the_rubric(keys: Path) -> None:
    out = interactive(keys, ["8x8x6", *RIGHT[1:]])
    block = out.split("(1a) ")[1].split("(1b) ")[0]
    assert "wrong, 0 of 2 pt" in block
    assert "your answer: 8x8x6" in block
    assert "expected:    8x8x5" in block
    # the worked steps of this part only, as text cut from the rendered solution LaTeX
    assert "(H + 2P - K)/S + 1 = (26 + 2 · 1 - 7)/3 + 1 = 8" in block
    assert "6375" not in block
    assert (
        "rubric: 1 pt for the spatial size (H + 2P - K)/S + 1, 1 pt for the channel count" in block
    )
    assert "score: 8 / 10 pt (80 %)" in out


@pytest.mark.parametrize("h2", ["3/2", "1.5", "1,5", " 3 / 2 "])
def test_fractions_and_decimal_commas_are_read_as_the_grader_reads_them(
    keys: Path, h2: str
) -> None:
    out = interactive(keys, [*RIGHT[:4], h2, *RIGHT[5:]])
    assert "score: 10 / 10 pt" in out


def test_follow_through_from_an_earlier_wrong_answer_is_credited(keys: Path) -> None:
    # h1 = 1 is wrong (the key is 0); from it h2 = ReLU(-2 * 1 + 3/2) = 0
    out = interactive(keys, [*RIGHT[:3], "1", "0", *RIGHT[5:]])
    assert "right from your earlier answers, 1 of 1 pt" in out
    assert "score: 9 / 10 pt" in out


def test_an_unreadable_answer_is_asked_again_and_enter_skips(keys: Path) -> None:
    out = interactive(keys, ["eight by eight", "", *RIGHT[1:]])
    assert "cannot read the answer" in out and "try again (or press Enter to skip)" in out
    assert "no answer" in out and "expected:    8x8x5" in out
    assert "score: 8 / 10 pt" in out


def test_hand_graded_parts_show_the_model_answer_and_are_not_scored(keys: Path) -> None:
    out = interactive(keys, RIGHT)
    block = out.split("(3a) ")[1]
    assert "answer on paper, then press Enter for the model answer" in block
    assert "graded by hand: compare with the worked solution" in block
    assert "Model answer." in block and "rubric: Graded by hand" in block


def test_a_filled_csv_is_checked_part_by_part_with_a_score(keys: Path, tmp_path: Path) -> None:
    header = (keys.parent / "answers-template.csv").read_text().splitlines()[0]
    answers = tmp_path / "mine.csv"
    row = ["me", "V001", "8x8x5", "6375", "(5,26,7,7)", "1", "0", "1", "1,5", "1", "7"]
    answers.write_text(header + "\n" + ",".join(f'"{a}"' for a in row) + "\n")
    code, out, err = check(str(keys), str(answers))
    assert code == 0, err
    assert "variant V001, student me (line 2):" in out
    assert "right from your earlier answers" in out  # 2b from the wrong 2a, as in dlexam grade
    assert "(2f) " in out and "your answer: 7" in out and "expected:    0" in out
    assert out.rstrip().endswith(
        "score: 8 / 10 pt (80 %); 2 pt of parts graded by hand are not included\n"
        f"worked steps of every part: dlexam check {keys} {answers} --steps"
    )


def test_csv_rows_that_cannot_be_checked_are_reported(keys: Path, tmp_path: Path) -> None:
    answers = tmp_path / "bad.csv"
    answers.write_text("student_id,variant,1a\nme,V009,8x8x5\n")
    code, _, err = check(str(keys), str(answers))
    assert code == 2
    assert "unknown variant 'V009'" in err and "no row could be checked" in err


def test_keys_with_several_variants_need_the_variant(tmp_path: Path) -> None:
    keys = sheet(tmp_path, variants=2, source=False)
    code, _, err = check(str(keys))
    assert code == 2 and "the keys hold 2 variants (V001, V002)" in err and "--variant" in err
    second = json.loads(keys.read_text())["variants"][1]["questions"][0]["parts"][0]["exact"]
    code, out, err = check(str(keys), "--variant", "2", answers=[second] + [""] * 10)
    assert code == 0, err
    assert "variant V002" in out and f"right: {second}" in out
    code, _, err = check(str(keys), "--variant", "V7")
    assert code == 2 and "unknown variant 'V7'" in err


def test_variant_option_is_refused_with_a_csv(keys: Path, tmp_path: Path) -> None:
    answers = tmp_path / "a.csv"
    answers.write_text("student_id,variant,1a\nme,V001,8x8x5\n")
    code, _, err = check(str(keys), str(answers), "--variant", "V001")
    assert code == 2 and "with a CSV its variant column decides" in err


def test_ctrl_d_ends_the_session_with_the_score_so_far(keys: Path) -> None:
    # right 1a and 1b, then end of input (Ctrl-D) at 1c
    code, out, err = check(str(keys), answers=["8x8x5", "6375"])
    assert code == 0, err
    assert "Aborted" not in out + err and "Traceback" not in out + err
    assert "session ended before the last part" in out
    assert "\nscore: 3 / 3 pt (100 %)\n" in out


def test_ctrl_d_before_any_answer_ends_with_an_empty_score(keys: Path) -> None:
    code, out, _ = check(str(keys))  # empty input
    assert code == 0 and "\nscore: 0 / 0 pt (0 %)\n" in out


@pytest.mark.parametrize("variant", ["²", "①"])
def test_a_unicode_digit_as_variant_is_a_one_line_error(
    keys: Path, tmp_path: Path, variant: str
) -> None:
    code, _, err = check(str(keys), "--variant", variant)
    assert (
        code == 2
        and err
        == f"error: --variant: unknown variant {variant!r} (the keys have V001; the variant code "
        "is printed on every page of the exam)\n"
    )
    answers = tmp_path / "mine.csv"
    answers.write_text(f"student_id,variant,1a\nme,{variant},8x8x5\nyou,1,8x8x5\n")
    code, out, err = check(str(keys), str(answers))
    assert code == 0 and f"unknown variant {variant!r}" in err and "student you" in out


def test_a_messy_csv_is_checked_with_warnings(keys: Path, tmp_path: Path) -> None:
    answers = tmp_path / "mine.csv"
    text = "\r\nstudent_id;variant;1a;1b;;\r\nJürgen;V001;8x8x5\r\n"
    answers.write_bytes(text.encode("cp1252"))
    code, out, err = check(str(keys), str(answers))
    assert code == 0, err
    assert "read as Windows-1252" in err and "blank lines above the header" in err
    assert "empty column(s) after the last header '1b'" in err and "fewer fields" in err
    assert "student Jürgen (line 3)" in out and "right: 8x8x5" in out


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"$\frac{H + 2P - K}{S} + 1 = \frac{3}{2}$", "(H + 2P - K)/S + 1 = 3/2"),
        (r"$\sqrt{x^{2} + 1} \cdot w_{t-1}$", "sqrt(x^2 + 1) · w_(t-1)"),
        (r"$\frac{\sqrt{3}}{2} + \frac{x}{\sqrt{2} + 1}$", "sqrt(3)/2 + x/(sqrt(2) + 1)"),
        (r"$\begin{bmatrix} 1 & 0 \\ 0 & 1 \end{bmatrix}$", "[[1, 0], [0, 1]]"),
        (r"\begin{tikzpicture}\node {x};\end{tikzpicture} done", f"{FIGURE} done"),
        (
            r"\begin{enumerate}[label=\textbf{\Alph*)}]\item one \item two\end{enumerate}",
            "A) one\nB) two",
        ),
        (
            r"50\% of \{1, 2\} is \textbf{bold}, \emph{i.e.}\ $\alpha \in \mathbb{R}$",
            "50% of {1, 2} is bold, i.e. α ∈ ℝ",
        ),
        (
            r"the student\textquotesingle{}s all{-}or{-}nothing rule,{} $\hat y$",
            "the student's all-or-nothing rule, y\u0302",
        ),
        # the PDF's keep-together marks and escaped symbols leaked into the worked steps
        (r"\dlkeepend" "\n" r"\dlkeepbegin $\|y\|_2^2$ in \texttt{R\^{}2}", "‖y‖_2^2 in R^2"),
    ],
)
def test_latex_to_text(latex: str, text: str) -> None:
    assert latex_to_text(latex) == text
