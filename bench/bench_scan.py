"""Benchmark ``dlexam scan``: 300 scanned sheet pages at 300 dpi, on every core.

Generates the bubble sheets of the bundled VIR 2019 exam (4 variants, 3 pages each), renders
them at 300 dpi, fills every auto-graded part with its key using the test suite's simulated pen,
then writes 300 distorted copies of those 12 pages (rotation, 180°, scale, shadow, noise, JPEG;
typesetting 100 variants would only time pdflatex). Each copy is a different page of the same
sheets: every page is read in full, then all but the first copy of each go to review as "also
scanned", so the answers CSV has 4 rows; what is timed is reading 300 pages, which is the cost.
Target: 300 sheets in under 2 minutes on 2 cores.

    python bench/bench_scan.py [--pages 300] [--dpi 300] [--jobs 2] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.bubble_sheet import write_bubble_sheets  # noqa: E402
from generator.bubbles import BUBBLED_KINDS, sheet_layout  # noqa: E402
from generator.cli import main  # noqa: E402
from generator.pdf import find_engine  # noqa: E402
from grader.scan.sheets import scan  # noqa: E402
from tests.scan_pen import Distortion, Pen, distort, encode, fill, key_answer, marks_for  # noqa: E402

DISTORTIONS = [
    Distortion(angle=1.2, scale=0.98, noise=4, jpeg=80),
    Distortion(angle=-2.0, upside_down=True, shadow=0.35, jpeg=85),
    Distortion(angle=0.5, skew=0.015, noise=6, jpeg=70),
]


def prepare(folder: Path, pages: int, dpi: int) -> tuple[Path, list[Path]]:
    exam = folder / "exam"
    from click.testing import CliRunner

    result = CliRunner().invoke(main, ["generate", "--out", str(exam), "--no-pdf", "--quiet"])
    assert result.exit_code == 0, result.output
    document = json.loads((exam / "keys.json").read_text(encoding="utf-8"))
    write_bubble_sheets(document, exam, {}, str(find_engine()))
    rng = np.random.default_rng(1)
    filled: list[np.ndarray] = []
    for variant in document["variants"]:
        layout = sheet_layout(document, variant["id"])
        answers = {"student_id": f"2026{variant['index']:04d}"}
        for question in variant["questions"]:
            for part in question["parts"]:
                if part["kind"] in BUBBLED_KINDS:
                    answers[part["id"]] = key_answer(part)
        root = folder / variant["id"]
        subprocess.run(
            [
                "pdftoppm",
                "-gray",
                "-r",
                str(dpi),
                "-png",
                str(exam / "bubble-sheets" / f"{variant['id']}.pdf"),
                str(root),
            ],
            check=True,
        )
        marks = marks_for(layout, answers)
        for number, path in enumerate(sorted(folder.glob(f"{variant['id']}-*.png")), start=1):
            image = cv2.imread(str(path), cv2.IMREAD_GRAYSCALE)
            fill(image, dpi, marks.get(number, []), Pen(0.85), rng)
            filled.append(image)
            path.unlink()
    files = []
    for index in range(pages):
        d = DISTORTIONS[index % len(DISTORTIONS)]
        data, suffix = encode(distort(filled[index % len(filled)], d, rng), d)
        path = folder / "scans" / f"{index:04d}{suffix}"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
        files.append(path)
    return exam / "keys.json", files


def main_bench() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--dpi", type=int, default=300)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--keep", type=Path, help="keep the scans in this folder (and reuse them)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-scan-") as temporary:
        folder = args.keep or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        scans = sorted((folder / "scans").glob("*.*"))
        if args.keep and len(scans) == args.pages:  # scans of an earlier run with --keep
            keys, files = folder / "exam" / "keys.json", scans
            print(f"reusing {len(files)} pages in {folder}/scans")
        else:
            started = time.perf_counter()
            keys, files = prepare(folder, args.pages, args.dpi)
            elapsed = time.perf_counter() - started
            print(f"prepared {len(files)} pages at {args.dpi} dpi in {elapsed:.1f} s")
        run(keys, files, args.jobs)


def run(keys: Path, files: list[Path], jobs: int) -> None:
    print(f"load average before: {os.getloadavg()[0]:.2f} (other work slows the wall clock)")
    started = time.perf_counter()
    result = scan(keys, files, jobs)
    elapsed = time.perf_counter() - started
    print(
        f"scanned {result.pages_in} pages with {jobs} job(s): {result.pages_read} read, "
        f"{result.pages_in_review} in review, {len(result.review)} review item(s)"
    )
    rate = result.pages_in / elapsed
    document = json.loads(keys.read_text(encoding="utf-8"))
    per_sheet = len(sheet_layout(document, document["variants"][0]["id"]).pages)
    print(f"{elapsed:.1f} s: {rate:.2f} pages/s")
    print(
        f"{60 * rate / per_sheet:.0f} students' sheets ({per_sheet} pages each) per minute: "
        f"300 students in {300 * per_sheet / rate / 60:.1f} min"
    )


if __name__ == "__main__":
    main_bench()
