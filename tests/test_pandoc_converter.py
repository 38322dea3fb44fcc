"""The pandoc each process keeps running: same HTML as pandoc's command line, one fragment at a
time, and a clear error (then a fresh pandoc) when it cannot read a fragment or stops."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from generator.errors import DlexamError
from generator.instance import Instance
from generator.outputs import pandoc
from generator.outputs.model import question_model
from generator.registry import default_registry
from generator.spec import DEFAULT_SPEC, load_spec
from generator.variants import build_exam


def command_line(latex: str, math: str) -> str:
    """What ``pandoc`` run on its own prints for a fragment (the reference)."""
    result = subprocess.run(
        ["pandoc", "--from=latex", "--to=html5", f"--{math}", "--wrap=none"],
        input=latex,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def exam_fragments() -> list[str]:
    """Question texts and worked solutions of the default exam's first variant: prose, display
    math, matrices, tables, lists."""
    exam = build_exam(load_spec(DEFAULT_SPEC, default_registry()), 1, 3)
    models = [question_model(instance, n) for n, instance in exam.variants[0].ordered()]
    return [block.latex for model in models for block in model.question + model.solution]


@pytest.mark.parametrize("math", pandoc.MATH)
def test_same_html_as_pandoc_run_alone(math: str) -> None:
    fragments = exam_fragments()
    assert len(fragments) > 20
    converted = pandoc.Converter()
    try:
        html = converted.convert(fragments, math)
    finally:
        converted.close()
    assert [piece.strip() for piece in html] == [command_line(text, math) for text in fragments]


def test_a_fragment_does_not_depend_on_its_batch() -> None:
    """When a batch was one document with marker paragraphs between fragments, keras_params'
    layer table came out as text ('&amp; &amp;') in some batches of a whole variant set."""
    registry = default_registry()
    fragments = []
    for family_id in ("keras_params", "softmax_ce", "truth_table_weights", "conv_shape"):
        family = registry.get(family_id)
        instance = Instance(family, family.source_instance(), 1, {p.id: 1 for p in family.parts})
        model = question_model(instance)
        fragments += [block.latex for block in model.question + model.solution]
    converter = pandoc.Converter()
    try:
        together = converter.convert(fragments, "mathml")
        alone = [converter.convert([text], "mathml")[0] for text in fragments]
    finally:
        converter.close()
    assert together == alone
    assert any("<table" in html and "max_pooling2d" in html for html in together)


def test_an_unreadable_fragment_names_pandocs_reason() -> None:
    converter = pandoc.Converter()
    try:
        with pytest.raises(DlexamError, match=r"could not read a question's LaTeX.*begin"):
            converter.convert(["fine $x$", "\\begin{itemize} x"], "mathml")
        assert "<math" in converter.convert(["fine $x$"], "mathml")[0]  # still running
    finally:
        converter.close()


def test_a_pandoc_that_stopped_is_started_again() -> None:
    converter = pandoc.Converter()
    try:
        converter.convert(["$a$"], "mathml")
        first = converter.process
        assert first is not None
        first.kill()
        first.wait()
        assert "<math" in converter.convert(["$b$"], "mathml")[0]
        assert converter.process is not first
    finally:
        converter.close()


def test_a_pandoc_killed_during_a_batch_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    converter = pandoc.Converter()
    monkeypatch.setattr(pandoc, "TIMEOUT", 0.0)  # stopped as soon as the batch is sent
    try:
        with pytest.raises(DlexamError, match="pandoc stopped while converting"):
            converter.convert(["$c$"] * 2000, "mathml")
        assert converter.process is None
        monkeypatch.setattr(pandoc, "TIMEOUT", 120)
        assert "<math" in converter.convert(["$c$"], "mathml")[0]
    finally:
        converter.close()


def test_a_pandoc_without_lua_writer_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An old pandoc (before 2.17) cannot run the converter: the error says which to install."""
    fake = tmp_path / "pandoc"
    fake.write_text("#!/bin/sh\necho 'Error running filter' >&2\nexit 83\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    converter = pandoc.Converter()
    with pytest.raises(DlexamError, match="could not start its converter") as raised:
        converter.convert(["$x$"], "mathml")
    assert "2.17 or newer" in str(raised.value.hint)


def test_a_forked_process_starts_its_own_pandoc() -> None:
    converter = pandoc.Converter()
    try:
        converter.convert(["$d$"], "mathml")
        parent = converter.process
        converter.owner = -1  # as a forked child sees it: another process started this one
        converter.convert(["$e$"], "mathml")
        assert converter.process is not parent
        assert parent is not None and parent.poll() is None  # the parent's is left alone
        parent.kill()
        parent.wait()
    finally:
        converter.close()


def test_empty_and_non_ascii_fragments_keep_their_places() -> None:
    """Sizes on the pipe are in bytes: names in any script and empty rubrics must not shift the
    fragments after them."""
    fragments = ["", "Zoë Ångström — $\\alpha$ محمد 김민준", "", "last"]
    html = pandoc.pandoc_batch(fragments, "mathml")
    assert html[0] == html[2] == ""
    assert "محمد 김민준" in html[1] and "<mi>α</mi>" in html[1]
    assert html[3] == "<p>last</p>"
