"""Practice sheets: family selection, keys and sources, and ``dlexam practice``."""

from __future__ import annotations

import itertools
import json
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from generator import pdf
from generator.cli import main
from generator.errors import DlexamError
from generator.practice import (
    Request,
    build_practice,
    practice_keys,
    select,
    sheet_sources,
)
from generator.registry import Registry, default_registry

# Committed families with known topics and difficulties: cnn has four (three of difficulty 1),
# rnn three, mlp one.
BANK = (
    "conv_shape",
    "conv_forward",
    "conv_budget",
    "receptive_field",
    "rnn_param_count",
    "rnn_relu",
    "rnn_linear_bptt",
    "mlp_params",
)


@pytest.fixture(scope="module")
def bank() -> Registry:
    full = default_registry()
    return Registry(families={fid: full.get(fid) for fid in BANK})


@pytest.mark.parametrize("seed", range(8))
def test_two_topics_are_shared_evenly_without_repeating_a_family(bank: Registry, seed: int) -> None:
    selection = select(bank, Request(seed, ("cnn", "rnn"), 5))
    counts = selection.per_topic()
    assert sorted(counts.values()) == [2, 3]
    ids = [f.id for f in selection.families]
    assert len(set(ids)) == 5
    assert all(
        topic in f.topics for f, topic in zip(selection.families, selection.topics, strict=True)
    )
    assert selection.notes == ()


def test_topics_alternate_on_the_sheet(bank: Registry) -> None:
    topics = select(bank, Request(3, ("cnn", "rnn"), 4)).topics
    assert all(a != b for a, b in itertools.pairwise(topics))


def test_the_same_seed_gives_the_same_families_and_seeds_differ(bank: Registry) -> None:
    request = Request(4711, ("cnn", "rnn"), 4)
    assert select(bank, request) == select(bank, request)
    sheets = {
        tuple(f.id for f in select(bank, Request(s, ("cnn", "rnn"), 4)).families) for s in range(12)
    }
    assert len(sheets) > 3


def test_a_topic_that_runs_out_hands_its_turn_to_another(bank: Registry) -> None:
    selection = select(bank, Request(1, ("mlp", "cnn"), 4))
    assert selection.per_topic() == {"mlp": 1, "cnn": 3}
    assert len({f.id for f in selection.families}) == 4
    assert selection.notes == (
        "topic mlp has only 1 family, so the sheet has 1 question(s) on it and more on the other "
        "topics",
    )


def test_a_family_repeats_only_when_the_bank_is_too_small_and_the_note_says_so(
    bank: Registry,
) -> None:
    selection = select(bank, Request(2, ("rnn",), 5))
    counts = Counter(f.id for f in selection.families)
    assert set(counts) == {"rnn_param_count", "rnn_relu", "rnn_linear_bptt"}
    assert sorted(counts.values()) == [1, 2, 2]  # repeats spread over the least-used families
    assert selection.notes == (
        "the bank has only 3 families for rnn, so 2 question(s) repeat a family with new numbers "
        "(" + ", ".join(sorted(fid for fid, n in counts.items() if n > 1)) + ")",
    )


def test_without_topics_the_whole_bank_is_drawn_from(bank: Registry) -> None:
    selection = select(bank, Request(9, (), 8))
    assert sorted(f.id for f in selection.families) == sorted(BANK)


def test_difficulty_filters_the_families(bank: Registry) -> None:
    selection = select(bank, Request(0, ("cnn",), 3, (1,)))
    assert {f.id for f in selection.families} == {"conv_shape", "conv_forward", "conv_budget"}
    hard = select(bank, Request(0, ("rnn", "cnn"), 2, (2,)))
    assert all(f.difficulty == 2 for f in hard.families)


@pytest.mark.parametrize(
    ("request_", "message"),
    [
        (Request(0, ("astrology",)), "no family has topic 'astrology'"),
        (Request(0, ("mlp",), 2, (3,)), "no family of topic 'mlp' has difficulty 3"),
        (Request(0, (), 2, (3,)), "no family has difficulty 3"),
        (Request(0, ("cnn",), 0), "at least one question"),
    ],
)
def test_impossible_requests_say_why(bank: Registry, request_: Request, message: str) -> None:
    with pytest.raises(DlexamError, match=re.escape(message)):
        select(bank, request_)


def test_keys_are_a_validated_one_variant_practice_document(bank: Registry) -> None:
    exam, selection = build_practice(bank, Request(4711, ("cnn", "rnn"), 3))
    keys = practice_keys(exam)
    assert keys["exam"]["kind"] == "practice"
    assert keys["exam"]["seed"] == 4711 and keys["exam"]["title"] == "Practice sheet 4711"
    assert len(keys["variants"]) == 1
    families = [q["family"] for q in keys["variants"][0]["questions"]]
    assert families == [f.id for f in selection.families]


def test_sources_are_byte_identical_for_the_same_seed_and_print_the_sheet_number(
    bank: Registry,
) -> None:
    request = Request(4711, ("cnn", "rnn"), 3)
    first = sheet_sources(build_practice(bank, request)[0])
    second = sheet_sources(build_practice(bank, request)[0])
    assert first.texts == second.texts
    tex = first.texts["practice-4711.tex"]
    assert "Practice sheet 4711" in tex
    assert "dlexam practice {-}{-}seed 4711 {-}{-}topic cnn {-}{-}topic rnn {-}{-}count 3" in tex
    # the questions, then the worked solutions, each a section starting on a new page
    assert tex.index("%% dlexam: V001 exam") < tex.index("%% dlexam: V001 solutions")
    assert "answer-sheet" not in tex
    header = first.texts["answers-template.csv"].splitlines()[0].split(",")
    labels = [
        p["id"]
        for q in json.loads(first.texts["keys.json"])["variants"][0]["questions"]
        for p in q["parts"]
        if p["kind"] != "manual"
    ]
    assert header == ["student_id", "variant", *labels]


def run(args: list[str], bank: Registry, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    monkeypatch.setattr("generator.practice_cli.default_registry", lambda: bank)
    result = CliRunner().invoke(main, args)
    return result.exit_code, result.stdout, result.stderr


def test_cli_writes_keys_template_and_source_and_prints_how_to_regenerate(
    bank: Registry, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    args = ["practice", "--topic", "cnn", "--count", "2", "--seed", "4711", "--no-pdf"]
    code, out, err = run([*args, "--out", str(tmp_path / "a")], bank, monkeypatch)
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == [
        "answers-template.csv",
        "keys.json",
        "practice-4711.tex",
    ]
    assert out.startswith(f"practice sheet 4711: cnn 2, in {tmp_path / 'a'}/")
    assert "same sheet again: dlexam practice --seed 4711 --topic cnn --count 2" in out
    assert f"dlexam check {tmp_path / 'a' / 'keys.json'}" in out
    run([*args, "--out", str(tmp_path / "b")], bank, monkeypatch)
    for name in ("keys.json", "answers-template.csv", "practice-4711.tex"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_cli_without_a_seed_prints_one_that_gives_the_same_sheet_again(
    bank: Registry, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    code, out, _ = run(
        ["practice", "--count", "2", "--no-pdf", "--out", str(tmp_path / "a")], bank, monkeypatch
    )
    assert code == 0
    command = re.search(r"same sheet again: dlexam (.*)", out)
    assert command is not None
    again = [*command.group(1).split(), "--no-pdf", "--out", str(tmp_path / "b")]
    assert run(again, bank, monkeypatch)[0] == 0
    assert (tmp_path / "a" / "keys.json").read_bytes() == (
        tmp_path / "b" / "keys.json"
    ).read_bytes()


def test_cli_says_when_the_bank_is_too_small(
    bank: Registry, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    code, _, err = run(
        [
            "practice",
            "--topic",
            "mlp",
            "--count",
            "2",
            "--seed",
            "1",
            "--no-pdf",
            "--out",
            str(tmp_path),
        ],
        bank,
        monkeypatch,
    )
    assert code == 0
    assert "note: the bank has only 1 family for mlp, so 1 question(s) repeat a family" in err


def test_cli_unknown_topic_is_a_user_error(
    bank: Registry, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    code, _, err = run(
        ["practice", "--topic", "astrology", "--out", str(tmp_path)], bank, monkeypatch
    )
    assert code == 2 and "no family has topic 'astrology'" in err
    assert not any(tmp_path.iterdir())


needs_tex = pytest.mark.skipif(
    pdf.find_engine() is None or shutil.which("pdftotext") is None,
    reason="pdflatex and pdftotext are needed",
)


def pages(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


@needs_tex
def test_sheet_pdf_has_the_questions_then_the_solutions_from_a_new_page(
    bank: Registry, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    args = ["practice", "--topic", "cnn", "--count", "2", "--seed", "7", "--difficulty", "1"]
    code, out, err = run([*args, "--out", str(tmp_path)], bank, monkeypatch)
    assert code == 0, err
    start = int(re.search(r"worked solutions from page (\d+)", out).group(1))  # type: ignore[union-attr]
    text = pages(tmp_path / "practice-7.pdf")
    assert "Practice sheet 7" in text[0] and "Key:" not in "".join(text[: start - 1])
    assert "Solutions" in text[start - 1] and "Key:" in "".join(text[start - 1 :])
    assert "This page is intentionally left blank" not in "".join(text)
    # The page the command names is the page number printed on that page, and the running
    # head names the solutions without a dangling dash.
    for number, page in enumerate(text, start=1):
        assert f"page {number}" in page
    assert "Solutions ---" not in "".join(text) and "Solutions —" not in "".join(text)


@needs_tex
def test_separate_puts_the_solutions_in_their_own_pdf(
    bank: Registry, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    args = ["practice", "--topic", "cnn", "--count", "2", "--seed", "7", "--difficulty", "1"]
    code, _, err = run([*args, "--separate", "--out", str(tmp_path)], bank, monkeypatch)
    assert code == 0, err
    sheet, solutions = tmp_path / "practice-7.pdf", tmp_path / "practice-7-solutions.pdf"
    assert "Key:" not in "".join(pages(sheet)) and "Practice sheet 7" in pages(sheet)[0]
    assert "Key:" in "".join(pages(solutions))
    sheet_text = " ".join(" ".join(pages(sheet)).split())
    assert "follow on a new page" not in sheet_text
    assert "The worked solutions are in practice-7-solutions.pdf" in sheet_text
    assert "Solutions —" not in "".join(pages(solutions))


def test_a_practice_sheet_has_no_name_fields_qr_code_or_variant_code(bank: Registry) -> None:
    from generator.documents import exam_document

    exam, _ = build_practice(bank, Request(5, ("cnn",), 2))
    assert practice_keys(exam)["exam"]["kind"] == "practice"
    tex = exam_document(exam.spec, exam.variants, ("exam",))
    assert "Practice sheet 5" in tex
    assert "dlexam qr:" not in tex and "\\dlnamefields" not in tex.split("\\begin{document}")[1]
    assert "Variant \\textbf" not in tex
