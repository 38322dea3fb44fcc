"""The pdflatex a server keeps started for its next figure compile: same SVGs as a run of its
own, a fallback to such a run whenever it cannot draw, and nothing left behind."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.errors import DlexamError
from generator.outputs import spare_latex
from generator.outputs.figures import FigureCache

PICTURES = [
    f"\\begin{{tikzpicture}}\\draw (0,0) -- ({n},1) node {{$x_{n}$}};\\end{{tikzpicture}}"
    for n in range(1, 4)
]


@contextlib.contextmanager
def warm_cache(folder: Path) -> Iterator[FigureCache]:
    """A cache with its spare TeX started, closed (the spare stopped) when the block ends."""
    cache = FigureCache(folder, spare=True)
    try:
        assert cache.prepare()
        assert cache.spare is not None and cache.spare.process.poll() is None
        yield cache
    finally:
        cache.close()


def drawn_by_spares(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each compile's spare drew its pictures (False: it fell back to a run of its own)."""
    outcomes: list[bool] = []
    real_draw = spare_latex.SpareLatex.draw

    def draw(self: spare_latex.SpareLatex, pictures: str, timeout: float) -> Path | None:
        work = real_draw(self, pictures, timeout)
        outcomes.append(work is not None)
        return work

    monkeypatch.setattr(spare_latex.SpareLatex, "draw", draw)
    return outcomes


def test_a_spare_draws_the_same_svgs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outcomes = drawn_by_spares(monkeypatch)
    with warm_cache(tmp_path / "warm") as warm:
        first = warm.spare
        together = warm.svgs(PICTURES[:2])
        assert warm.spare is not None and warm.spare is not first  # the next one is started
        alone = warm.svgs(PICTURES[2:])
    assert outcomes == [True, True]
    assert first is not None and not first.work.exists()  # its folder went with it
    plain = FigureCache(tmp_path / "plain")  # the same batches: mutool numbers fonts per PDF
    assert together == plain.svgs(PICTURES[:2])
    assert alone == plain.svgs(PICTURES[2:])


def test_a_broken_picture_is_reported_as_without_a_spare(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outcomes = drawn_by_spares(monkeypatch)
    with warm_cache(tmp_path) as warm:
        with pytest.raises(DlexamError, match=r"failed on a figure.*Undefined control sequence"):
            warm.svgs(["\\begin{tikzpicture}\\undefinedmacro\\end{tikzpicture}"])
        assert "<svg" in warm.svgs(PICTURES[:1])[PICTURES[0]]  # a run of its own, then a spare
        assert warm.spare is not None
    assert outcomes == [False]


def test_a_spare_that_stopped_is_replaced_by_a_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outcomes = drawn_by_spares(monkeypatch)
    with warm_cache(tmp_path) as warm:
        assert warm.spare is not None
        warm.spare.process.kill()
        warm.spare.process.wait()
        assert "<svg" in warm.svgs(PICTURES[:1])[PICTURES[0]]
        warm.spare.owner = -1  # as a forked child sees its parent's
        assert "<svg" in warm.svgs(PICTURES[1:2])[PICTURES[1]]
    assert outcomes == [False, False]


def test_closing_stops_tex_and_removes_its_folder(tmp_path: Path) -> None:
    with warm_cache(tmp_path) as warm:
        spare = warm.spare
        assert spare is not None
        warm.close()
        assert spare.process.poll() is not None
        assert not spare.work.exists()
        assert warm.spare is None


def test_a_spare_ends_when_its_process_is_killed(tmp_path: Path) -> None:
    """A server killed outright closes TeX's input: TeX ends its empty document and exits."""
    script = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "from generator.outputs.figures import FigureCache\n"
        "cache = FigureCache(Path(sys.argv[1]), spare=True)\n"
        "cache.prepare()\n"
        "print(cache.spare.process.pid, flush=True)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)],
        env={**os.environ, "TMPDIR": str(tmp_path)},  # the folder a killed process leaves
        capture_output=True,
        text=True,
        check=False,
    )
    pid = int(run.stdout.split()[0])
    deadline = time.monotonic() + 30
    while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not Path(f"/proc/{pid}").exists()
