"""Where compiled figures are kept, and that the folder stays within its size bound."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.errors import DlexamError
from generator.outputs import figures
from generator.outputs.figures import FigureCache, default_folder, default_limit, prune
from grader.serve.app import FIGURES

PICTURES = [
    f"\\begin{{tikzpicture}}\\draw (0,0) -- ({n},1) node {{{n}}};\\end{{tikzpicture}}"
    for n in range(1, 4)
]


def test_the_folder_is_chosen_by_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert FIGURES.folder == Path(os.environ["DLEXAM_FIGURE_CACHE"])  # tests keep ~/.cache clean
    monkeypatch.setenv("DLEXAM_FIGURE_CACHE", "/srv/dlexam-figures")
    assert default_folder() == Path("/srv/dlexam-figures")
    monkeypatch.delenv("DLEXAM_FIGURE_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", "/var/cache/u1")
    assert default_folder() == Path("/var/cache/u1/dlexam/figures")


def test_the_size_bound_is_read_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DLEXAM_FIGURE_CACHE_MB", raising=False)
    assert default_limit() == figures.DEFAULT_LIMIT_MB * 1024 * 1024
    monkeypatch.setenv("DLEXAM_FIGURE_CACHE_MB", "0.5")
    assert default_limit() == 512 * 1024
    monkeypatch.setenv("DLEXAM_FIGURE_CACHE_MB", "lots")
    with pytest.raises(DlexamError, match="DLEXAM_FIGURE_CACHE_MB must be a number"):
        default_limit()


def test_prune_removes_the_least_recently_used_first(tmp_path: Path) -> None:
    for age, name in enumerate(["new", "middle", "old"]):
        path = tmp_path / f"{name}.svg"
        path.write_text("x" * 100)
        os.utime(path, (1_700_000_000 - age * 60, 1_700_000_000 - age * 60))
    (tmp_path / "notes.txt").write_text("not a figure " * 100)
    assert prune(tmp_path, 250) == [tmp_path / "old.svg"]
    assert prune(tmp_path, 250) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["middle.svg", "new.svg", "notes.txt"]


def test_compiling_keeps_the_folder_within_its_bound(tmp_path: Path) -> None:
    cache = FigureCache(tmp_path, limit=10)  # smaller than one SVG: every file goes
    svgs = cache.svgs(PICTURES)
    assert all("<svg" in svg for svg in svgs.values())  # the page still gets its figures
    assert list(tmp_path.glob("*.svg")) == []
    roomy = FigureCache(tmp_path, limit=10**6)
    roomy.svgs(PICTURES)
    assert roomy.compiled == 3 and len(list(tmp_path.glob("*.svg"))) == 3
