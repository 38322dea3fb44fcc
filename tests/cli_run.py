"""Running ``dlexam`` in-process for the tests: one helper instead of a copy per test file."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from generator.cli import main


def run(*args: str) -> tuple[int, str, str]:
    """``dlexam ARGS``: exit code, standard output, standard error."""
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def generate_keys(folder: Path, spec: str) -> Path:
    """keys.json of the exam ``spec`` (YAML text), generated into ``folder`` without PDFs."""
    (folder / "spec.yaml").write_text(spec, encoding="utf-8")
    code, out, err = run("generate", str(folder / "spec.yaml"), "--out", str(folder), "--no-pdf")
    assert code == 0, out + err
    return folder / "keys.json"
