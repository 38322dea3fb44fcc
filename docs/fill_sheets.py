"""Simulated students for the README's paper workflow: fill the bubble sheets of an exam folder
(made by ``dlexam generate --sheet bubbles``) with the test suite's pen and copier, and write the
"scans" as JPEG pages in shuffled order.

The student of variant V00i answers every bubbled part with its key, except that the student of V002
gets 2b wrong, leaves 1c blank, and fills 2c's first column with two digits (a doubt for review).

With ``--duplex`` every page is followed by its empty back side, as a copier scanning
double-sided makes them (``dlexam scan`` counts them as blank pages).

    python docs/fill_sheets.py EXAM_FOLDER SCANS_FOLDER [--dpi 150] [--duplex]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.bubbles import BUBBLED_KINDS, SheetLayout, sheet_layout
from tests.scan_pen import Distortion, Pen, distort, encode, fill, key_answer, marks_for

DISTORTIONS = [
    Distortion(angle=1.5, scale=0.98, noise=4, jpeg=80),
    Distortion(angle=-2.0, upside_down=True, shadow=0.35, jpeg=80),
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("exam", type=Path)
    parser.add_argument("scans", type=Path)
    parser.add_argument("--dpi", type=int, default=150)
    parser.add_argument("--duplex", action="store_true", help="add each page's empty back side")
    args = parser.parse_args()
    document = json.loads((args.exam / "keys.json").read_text(encoding="utf-8"))
    args.scans.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(2026)
    pages = []
    for variant in document["variants"]:
        answers = {"student_id": f"2026{variant['index'] + 1:04d}"}
        for question in variant["questions"]:
            for part in question["parts"]:
                if part["kind"] in BUBBLED_KINDS:
                    answers[part["id"]] = key_answer(part)
        extra: list[tuple[float, float]] = []
        layout = sheet_layout(document, variant["id"])
        if variant["index"] == 1:
            answers["2b"] = str(int(answers["2b"]) + 4)
            del answers["1c"]
            column = next(e for e in layout.entries() if e.part == "2c").columns[0]
            extra = [column.centers[9]]  # a 9 as a second digit in 2c's first column
        pdf = args.exam / "bubble-sheets" / f"{variant['id']}.pdf"
        root = args.scans / variant["id"]
        subprocess.run(
            ["pdftoppm", "-gray", "-r", str(args.dpi), "-png", str(pdf), str(root)], check=True
        )
        marks = marks_for(layout, answers)
        if extra:
            marks.setdefault(_page_of(layout, "2c"), []).extend(extra)
        for number, path in enumerate(sorted(args.scans.glob(f"{variant['id']}-*.png")), start=1):
            image = cv2.imread(str(path), cv2.IMREAD_GRAYSCALE)
            fill(image, args.dpi, marks.get(number, []), Pen(0.8, 1.0, 0.9), rng)
            pages.append(image)
            if args.duplex:
                pages.append(np.full_like(image, 255))
            path.unlink()
    order = rng.permutation(len(pages))
    for index, page_index in enumerate(order, start=1):
        d = DISTORTIONS[index % len(DISTORTIONS)]
        data, suffix = encode(distort(pages[page_index], d, rng), d)
        (args.scans / f"scan-{index:03d}{suffix}").write_bytes(data)


def _page_of(layout: SheetLayout, part: str) -> int:
    return next(p.number for p in layout.pages for e in p.entries if e.part == part)


if __name__ == "__main__":
    main()
