"""Where compiled figures are kept, and that the folder stays within its size bound."""

from __future__ import annotations

import os
import subprocess
import threading
from concurrent.futures import ThreadPoolExecutor
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


def test_figures_start_from_a_preloaded_format_and_draw_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = FigureCache(tmp_path / "plain")
    monkeypatch.setattr(plain, "_format", lambda latex: None)
    expected = plain.svgs(PICTURES)  # a picture's SVG depends on its place in the batch too
    extra = PICTURES[0].replace("node", "circle (1) node")
    expected |= plain.svgs([extra])
    commands: list[list[str]] = []
    real_run = FigureCache._run

    def recorded(
        cache: FigureCache, command: list[str], cwd: Path, log: str = "figures.log"
    ) -> None:
        commands.append(command)
        real_run(cache, command, cwd, log)

    monkeypatch.setattr(FigureCache, "_run", recorded)
    folder = tmp_path / "preloaded"
    folder.mkdir()
    (folder / "preamble-0123456789abcdef01234567.fmt").write_bytes(b"an earlier preamble's")
    svgs = FigureCache(folder).svgs(PICTURES)
    assert [svgs[p] for p in PICTURES] == [expected[p] for p in PICTURES]
    (made,) = folder.glob("preamble-*.fmt")  # the earlier preamble's format is gone
    assert made.read_bytes()[:2] != b"\x1f\x8b"  # stored inflated: TeX starts 3x faster
    assert FigureCache(folder).prepare()  # there already: nothing to make
    assert any(f"-fmt={made.with_suffix('')}" in command for command in commands)

    made.write_bytes(b"a format of another TeX installation")
    commands.clear()
    cache = FigureCache(folder)
    again = cache.svgs([extra])  # the bad format is used, fails, is removed
    assert again[extra] == expected[extra]
    assert not made.exists()
    assert [c[-1] for c in commands if "latex" in Path(c[0]).name] == ["figures.tex"] * 2
    commands.clear()
    cache.svgs([extra.replace("(1)", "(2)")])  # this process goes on without: no remaking
    assert [c[-1] for c in commands if "latex" in Path(c[0]).name] == ["figures.tex"]
    assert not any("-ini" in command for command in commands)


def test_concurrent_requests_share_one_compile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = FigureCache(tmp_path)
    started, release = threading.Event(), threading.Event()
    runs: list[int] = []
    real_compile = cache._compile

    def slow_first(pictures: list[str]) -> list[str]:
        runs.append(len(pictures))
        if len(runs) == 1:
            started.set()
            release.wait(30)
        return real_compile(pictures)

    cache.runs.run = slow_first
    with ThreadPoolExecutor(4) as pool:
        first = pool.submit(cache.svgs, PICTURES[:1])
        started.wait(30)
        rest = [pool.submit(cache.svgs, [picture]) for picture in [*PICTURES[1:], PICTURES[1]]]
        while len(cache.runs.queue) < 2:  # the repeated picture is carried by a queued job
            threading.Event().wait(0.01)
        release.set()
        results = [first.result(), *(future.result() for future in rest)]
    assert runs == [1, 2]  # the two new pictures of three waiting requests: one run
    assert cache.compiled == 3
    assert [next(iter(r)) for r in results] == [*PICTURES, PICTURES[1]]
    assert all("<svg" in svg for r in results for svg in r.values())


def test_the_folder_is_pruned_first_then_after_a_share_of_the_bound(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Scanning a full folder costs more than drawing a picture, so a cache prunes on its first
    compile and then whenever it has written another 1 % of the bound."""
    scans: list[Path] = []

    def counted(folder: Path, limit: int) -> list[Path]:
        scans.append(folder)
        return []

    monkeypatch.setattr(figures, "prune", counted)
    cache = FigureCache(tmp_path, limit=10**9)
    cache.svgs(PICTURES[:1])
    assert scans == [tmp_path]  # a folder left over the bound by another process
    cache.svgs(PICTURES[1:])
    assert len(scans) == 1  # a few KB written: far below 1 % of 1 GB
    small = FigureCache(tmp_path / "small", limit=100)
    small.svgs(PICTURES[:1])
    small.svgs([PICTURES[0].replace("node", "circle (2) node")])
    assert len(scans) == 3  # each SVG is more than 1 % of 100 bytes


def test_a_lowered_cache_runs_tex_and_mutool_at_its_niceness(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A server's figures give the CPU to pages first; the SVGs are the same."""
    expected = FigureCache(tmp_path / "plain").svgs(PICTURES)
    commands: list[list[str]] = []
    real_run = subprocess.run

    def recorded(command: list[str], **options: object) -> object:
        commands.append(command)
        return real_run(command, **options)  # type: ignore[call-overload]

    monkeypatch.setattr(subprocess, "run", recorded)
    assert FigureCache(tmp_path / "lowered", niceness=10).svgs(PICTURES) == expected
    drawing = [command for command in commands if "--version" not in command]
    assert {Path(command[3]).name for command in drawing} == {"pdflatex", "mutool"}
    assert all(command[:3] == ["nice", "-n", "10"] for command in drawing)
