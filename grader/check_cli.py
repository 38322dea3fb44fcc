"""``dlexam check KEYS.json [ANSWERS.csv]``: check your own answers, part by part."""

from __future__ import annotations

import shlex
from pathlib import Path

import click

from generator.errors import DlexamError
from grader.answers import read_answers
from grader.check import (
    Rendered,
    Score,
    choose_variant,
    feedback,
    part_heading,
    question_heading,
    steps_hint,
)
from grader.exam import ExamKeys
from grader.part import Context, KeyPart, PartResult, QuestionInfo, grade_part
from grader.scoring import grade_submission

FORMATS = (
    "Answer formats: 3/2, 1.5 or 1,5; sqrt(2), pi, e^-3; vectors [1, -2]; matrices "
    "[[1, 0], [0, 1]]; shapes 8x8x5; intervals (0, 1/3] or (2, oo); options A,C. "
    "Press Enter to skip a part."
)

MANUAL_PROMPT = "  answer on paper, then press Enter for the model answer "


@click.command("check")
@click.argument("keys_path", metavar="KEYS.json", type=click.Path(path_type=Path))
@click.argument(
    "answers_path", metavar="[ANSWERS.csv]", required=False, type=click.Path(path_type=Path)
)
@click.option(
    "--variant",
    help="The variant to check when the keys hold several: V002, 2, or a student id of the roster.",
)
@click.option(
    "--steps", "all_steps", is_flag=True, help="Show the worked steps of every part, right or not."
)
def check_command(
    keys_path: Path, answers_path: Path | None, variant: str | None, all_steps: bool
) -> None:
    """Check your answers against KEYS.json, part by part, with the worked steps.

    Without ANSWERS.csv every part is asked in the terminal and answered at once: right, or
    wrong with the expected answer, the worked steps and the rubric. With ANSWERS.csv (the
    sheet's answers-template.csv, filled in) every row is checked the same way. Answers are
    read and compared exactly as `dlexam grade` does.
    """
    exam = ExamKeys.load(keys_path)
    rendered = Rendered(all_steps)
    if answers_path is None:
        chosen = choose_variant(exam, variant)
        _ask(exam, chosen, rendered)
        variants = [chosen]
    else:
        if variant is not None:
            raise DlexamError(
                "--variant is for checking in the terminal; with a CSV its variant column decides"
            )
        variants = _check_csv(exam, answers_path, rendered)
    if not all_steps:
        command = shlex.join(
            ["dlexam", "check", str(keys_path), *([str(answers_path)] if answers_path else [])]
        )
        click.echo(steps_hint(keys_path, exam, variants, command))


def _ask(exam: ExamKeys, variant: str, rendered: Rendered) -> None:
    """Ask every part in the terminal, answer at once, and print the score at the end.

    Ctrl-D (end of input) or Ctrl-C ends the session early, with the score so far."""
    questions = exam.questions(variant)
    click.echo(f"{exam.title}, variant {variant}: {len(questions)} question(s).")
    click.echo(FORMATS)
    score = Score()
    try:
        _ask_parts(questions, score, rendered)
    except click.Abort:  # click.prompt's answer to end of input and to Ctrl-C
        click.echo("")
        click.echo("session ended before the last part")
    click.echo("")
    click.echo(score.line())


def _ask_parts(questions: list[QuestionInfo], score: Score, rendered: Rendered) -> None:
    for question in questions:
        click.echo("")
        click.echo(question_heading(question))
        context = Context(question)
        for label, key in question.parts.items():
            if key.kind == "manual":
                click.echo(part_heading(key))
                click.prompt(MANUAL_PROMPT, default="", show_default=False, prompt_suffix="")
                result = grade_part(key, None, context)
            else:
                if key.kind in ("choice", "multi"):
                    for line in rendered.question(question, label):
                        click.echo(line)
                result = _answer(key, context)
            context.earlier[label] = result
            score.add(result)
            _show(result, key, question, rendered)


def _answer(key: KeyPart, context: Context) -> PartResult:
    """Prompt until the answer can be read (or is skipped with Enter)."""
    while True:
        text = click.prompt(part_heading(key), default="", show_default=False)
        result = grade_part(key, text, context)
        if result.status != "invalid":
            return result
        click.echo(f"  {result.reason}; try again (or press Enter to skip)")


def _show(result: PartResult, key: KeyPart, question: QuestionInfo, rendered: Rendered) -> None:
    """The feedback lines; the worked steps only when the answer was not fully right."""
    right = result.status in ("correct", "within-tolerance")
    text = "" if right and not rendered.all_steps else rendered.steps(question, key.label)
    for line in feedback(result, key, text):
        click.echo(line)


def _check_csv(exam: ExamKeys, answers_path: Path, rendered: Rendered) -> list[str]:
    """Check every row of a filled answers CSV, part by part, with a score per row; returns
    the variants checked."""
    sheet = read_answers(answers_path, exam, keep_example=True)
    for error in sheet.errors:
        click.echo(f"warning: {answers_path}:{error.line}: {error.reason}", err=True)
    for warning in sheet.warnings:
        click.echo(f"warning: {warning}", err=True)
    if not sheet.submissions:
        raise DlexamError("no row could be checked", where=str(answers_path))
    for index, submission in enumerate(sheet.submissions):
        if index:
            click.echo("")
        click.echo(
            f"{exam.title}, variant {submission.variant}, student {submission.student_id} "
            f"(line {submission.line}):"
        )
        graded = grade_submission(exam, submission)
        score = Score()
        for question in exam.questions(submission.variant):
            click.echo("")
            click.echo(question_heading(question))
            for label, key in question.parts.items():
                result = graded.parts[label]
                click.echo(part_heading(key))
                score.add(result)
                _show(result, key, question, rendered)
        click.echo("")
        click.echo(score.line())
    return [submission.variant for submission in sheet.submissions]
