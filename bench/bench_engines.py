"""Benchmark the TeX engines on one document of the default exam: why pdflatex sets the pages and
LuaLaTeX only the students' names (generator/fragments.py).

Typesets the first LaTeX document of N variants of the default exam (13 variants for N = 100)
with pdflatex as dlexam writes it, and with xelatex and lualatex after swapping the
pdflatex-only font setup (T1, inputenc, lmodern) for fontspec's Latin Modern; then the names
document of a 12-student roster with lualatex. Prints CPU seconds (engine processes only, so the
figures hold on a loaded machine) and wall seconds. Not a test: nothing is asserted.

    python bench/bench_engines.py [--variants 100]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generator import fragments
from generator.build import write_sources
from generator.registry import default_registry
from generator.roster import Student, assign
from generator.spec import DEFAULT_SPEC, load_spec
from generator.variants import build_exam

PDFLATEX_ONLY = (
    "\\pdfinfoomitdate=1\n",
    "\\pdftrailerid{}\n",
    "\\usepackage[T1]{fontenc}\n",
    "\\usepackage[utf8]{inputenc}\n",
)
NAMES = [
    *("李雷", "Nguyễn Văn An", "Αλέξανδρος Παπαδόπουλος", "Иван Петров", "김민준", "Zoë Ångström"),
    *("José Núñez", "O'Brien", "Müller-Lüdenscheidt", "محمد", "נועה", "अंकित शर्मा"),
]


def unicode_engine_source(tex: str) -> str:
    for line in PDFLATEX_ONLY:
        tex = tex.replace(line, "")
    return tex.replace("\\usepackage{lmodern}\n", "\\usepackage{fontspec}\n")


def run(engine: str, tex: str) -> tuple[float, float]:
    """CPU and wall seconds of one run of ``engine`` over ``tex`` (which must compile)."""
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "doc.tex").write_text(tex, encoding="utf-8")
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(
            [engine, "-interaction=nonstopmode", "doc.tex"],
            cwd=folder,
            stdout=subprocess.DEVNULL,
            check=True,
        )
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return cpu, wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variants", type=int, default=100)
    args = parser.parse_args()
    spec = load_spec(DEFAULT_SPEC, default_registry())
    with tempfile.TemporaryDirectory() as folder:
        exam = build_exam(spec, args.variants)
        _, groups = write_sources(exam, Path(folder))
        first = next(iter(groups))
        tex, count = first.read_text(encoding="utf-8"), len(groups[first])
        roster = build_exam(spec, len(NAMES))
        assign(roster, [Student(f"s{i}", name) for i, name in enumerate(NAMES)])
        names = fragments.fragments_document(roster.variants)
    print(f"one document of {count} variant(s) of {spec.title!r} (exam, answer sheet, solutions)")
    print(f"{'engine':<10} {'CPU s':>7} {'wall s':>7}")
    for engine in ("pdflatex", "xelatex", "lualatex"):
        if not shutil.which(engine):
            print(f"{engine:<10} not installed")
            continue
        source = tex if engine == "pdflatex" else unicode_engine_source(tex)
        cpu, wall = run(engine, source)
        print(f"{engine:<10} {cpu:7.2f} {wall:7.2f}")
    if fragments.find_engine() is None:
        sys.exit("lualatex not found: " + fragments.INSTALL_HINT)
    cpu, wall = run(fragments.ENGINE, names)
    print(f"names of a {len(NAMES)}-student roster, lualatex: CPU {cpu:.2f} s, wall {wall:.2f} s")


if __name__ == "__main__":
    main()
