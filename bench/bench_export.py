"""Benchmark ``dlexam export``: 100 variants of the default exam to Moodle XML, QTI 2.1 and Canvas.

Prints seconds for drawing and solving the variants (as ``dlexam generate`` does), for the HTML
of every question and worked solution (one pandoc run; figures compiled once per distinct
picture into a fresh cache, then again with every figure cached, as on a second export) and for
writing each target.
Not a test: nothing is asserted.

    python bench/bench_export.py [--count 100] [--spec exam.yaml]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from generator.export.cli import TARGETS
from generator.export.model import export_exam
from generator.outputs.figures import FigureCache
from generator.registry import default_registry
from generator.spec import DEFAULT_SPEC, load_spec
from generator.variants import build_exam


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--spec", type=Path, default=DEFAULT_SPEC)
    args = parser.parse_args()
    spec = load_spec(args.spec, default_registry())
    start = time.perf_counter()
    exam = build_exam(spec, args.count)
    solved = time.perf_counter() - start
    with tempfile.TemporaryDirectory(prefix="dlexam-bench-figures-") as folder:
        figures = FigureCache(Path(folder))
        start = time.perf_counter()
        model = export_exam(exam, figures)
        html = time.perf_counter() - start
        start = time.perf_counter()
        export_exam(exam, figures)  # a second export: every figure comes from the cache
        cached = time.perf_counter() - start
    print(f"{args.count} variants of '{spec.title}' ({len(model.questions)} questions)")
    print(f"  draw + solve + cross-check  {solved:6.2f} s")
    print(f"  HTML, {figures.compiled:3d} new figures    {html:6.2f} s")
    print(f"  HTML, figures cached        {cached:6.2f} s")
    total = solved + html
    for target, (_, render) in TARGETS.items():
        start = time.perf_counter()
        data = render(model)
        seconds = time.perf_counter() - start
        total += seconds
        print(f"  write {target:7}               {seconds:6.2f} s  ({len(data) / 1024:.0f} KiB)")
    print(f"  total (first run)           {total:6.2f} s")
    print(f"  total (figures cached)      {total - html + cached:6.2f} s")


if __name__ == "__main__":
    main()
