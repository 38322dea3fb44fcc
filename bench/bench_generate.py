"""Benchmark ``dlexam generate``: N variants of the default exam with all PDFs, N = 10 and 100.

Prints the seconds spent on keys + LaTeX sources (drawing, solving with sympy, cross-checking,
rendering) and on PDFs (pdflatex, splitting, print files), per variant and in total. Not a test:
nothing is asserted. The target on a 2-core machine is 100 variants in under 30 s end to end.

    python bench/bench_generate.py [--jobs N] [--counts 10 100] [--spec exam.yaml]

auto-multiple-choice (Debian package) prepares 100 shuffled copies of a 4-question exam in about
4 s on that machine (no randomized numbers, no worked solutions); its presence is reported.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from generator import pdf
from generator.build import compile_pdfs, write_sources
from generator.registry import default_registry
from generator.spec import DEFAULT_SPEC, load_spec
from generator.variants import build_exam

AMC_SECONDS_100 = 4.0


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (pdflatex): unlike the wall clock, it
    does not grow when other work shares the machine."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def bench(count: int, jobs: int, engine: str, spec_path: Path) -> tuple[float, float, float]:
    """Wall seconds for keys + LaTeX sources and for PDFs of ``count`` variants, and CPU seconds."""
    spec = load_spec(spec_path, default_registry())
    with tempfile.TemporaryDirectory(prefix="dlexam-bench-") as folder:
        cpu = cpu_seconds()
        start = time.perf_counter()
        exam = build_exam(spec, count)
        written, groups = write_sources(exam, Path(folder))
        sources = time.perf_counter() - start
        start = time.perf_counter()
        compile_pdfs(exam, written, groups, engine, jobs)
        pdfs = time.perf_counter() - start
        if written.failures:
            sys.exit(f"LaTeX failed: {written.failures[0]}")
        cpu = cpu_seconds() - cpu
    return sources, pdfs, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--counts", type=int, nargs="+", default=[10, 100])
    parser.add_argument("--spec", type=Path, default=DEFAULT_SPEC, help="another exam spec")
    args = parser.parse_args()
    engine = pdf.find_engine()
    if engine is None:
        sys.exit(f"{pdf.ENGINE} not found: {pdf.INSTALL_HINT}")
    default_registry()  # load the families once, outside the timings
    questions = len(load_spec(args.spec, default_registry()).questions)
    cores = os.cpu_count()
    print(f"{args.spec.name}: {questions} question(s); {args.jobs} job(s); {cores} core(s)")
    print(f"load average before: {os.getloadavg()[0]:.2f} (other work slows the wall clock)")
    print(
        f"{'N':>5} {'keys+LaTeX s':>13} {'PDFs s':>8} {'total s':>8} {'per variant s':>14}"
        f" {'CPU s':>7}"
    )
    for count in args.counts:
        sources, pdfs, cpu = bench(count, args.jobs, engine, args.spec)
        total = sources + pdfs
        print(
            f"{count:>5} {sources:>13.2f} {pdfs:>8.2f} {total:>8.2f} {total / count:>14.3f}"
            f" {cpu:>7.2f}"
        )
        print(f"{'':>5} per variant: keys+LaTeX {sources / count:.3f} s, PDFs {pdfs / count:.3f} s")
    amc = shutil.which("auto-multiple-choice")
    state = "installed" if amc else "not installed here"
    print(
        f"auto-multiple-choice ({state}): about {AMC_SECONDS_100:g} s for 100 shuffled copies of "
        "a 4-question exam, without randomized numbers or worked solutions"
    )


if __name__ == "__main__":
    main()
