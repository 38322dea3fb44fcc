"""``dlexam scan --annotate``: each sheet back as the student filled it, with what was read, the
points and the key written next to every block (like auto-multiple-choice's annotated copies),
one PDF per student for returning the exam.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from generator import bubbles
from generator.atomic import write_bytes_atomic
from generator.filenames import safe_names
from grader.part import PartResult
from grader.scan.align import PX_PER_MM
from grader.scan.sheets import ScanResult, Sheet

GREEN, RED, BLUE, GREY = (0, 140, 0), (0, 0, 210), (200, 80, 0), (90, 90, 90)
FONT = cv2.FONT_HERSHEY_SIMPLEX
FULL_MARKS = ("correct", "within-tolerance", "alternative")


def _px(x_mm: float, y_mm: float) -> tuple[int, int]:
    return round(x_mm * PX_PER_MM), round(y_mm * PX_PER_MM)


def _color(result: PartResult | None) -> tuple[int, int, int]:
    if result is None or result.status in ("blank", "manual"):
        return GREY
    return GREEN if result.points >= result.max_points else RED


def annotate_page(
    page: np.ndarray, sheet: Sheet, number: int, parts: Mapping[str, PartResult]
) -> np.ndarray:
    """The upright page in colour, marks read circled, each part's points and key beside it."""
    image = cv2.cvtColor(page, cv2.COLOR_GRAY2BGR)
    seen: set[str] = set()
    for entry in sheet.layout.pages[number - 1].entries:
        result = parts.get(entry.part)
        x, y, w, _ = entry.box
        cv2.rectangle(image, _px(x, y), _px(x + w, y + 0.1), _color(result), 3)
        if entry.part in seen or result is None:
            continue
        seen.add(entry.part)
        text = f"{result.points:g}/{result.max_points:g} {result.status}"
        cv2.putText(image, text, _px(x + 10, y + 3.8), FONT, 0.55, _color(result), 2, cv2.LINE_AA)
        if result.status not in FULL_MARKS:
            key = f"read {result.answer or '-'}  key {result.expected}"[:48]
            origin = _px(x, y - 1.0)
            cv2.putText(image, key, origin, FONT, 0.5, BLUE, 1, cv2.LINE_AA)
    header = f"{sheet.student_id}  {sheet.variant}  page {number}/{len(sheet.layout.pages)}"
    if number == 1:
        scanned = [p for p in parts.values() if p.status != "manual"]
        total = sum(p.points for p in scanned)
        most = sum(p.max_points for p in scanned)
        header += f"   {total:g}/{most:g} points on this sheet"
    cv2.putText(image, header, _px(20, bubbles.PAGE_H - 16), FONT, 0.7, RED, 2, cv2.LINE_AA)
    return image


def write_annotated(
    out_dir: Path, result: ScanResult, graded: Mapping[str, Mapping[str, PartResult]]
) -> list[Path]:
    """``annotated/<student_id>.pdf``: every page read of the student's sheet, annotated."""
    written = []
    names = safe_names((sheet.student_id for sheet in result.sheets), ".pdf")
    for sheet, name in zip(result.sheets, names, strict=True):
        pictures = []
        for number in sorted(sheet.pages):
            data = np.frombuffer(sheet.pages[number].canonical, np.uint8)
            page = cv2.imdecode(data, cv2.IMREAD_GRAYSCALE)
            if page is None:  # kept by the scan itself, so never expected
                continue
            image = annotate_page(page, sheet, number, graded.get(sheet.student_id, {}))
            pictures.append(Image.fromarray(cv2.cvtColor(image, cv2.COLOR_BGR2RGB)))
        if not pictures:
            continue
        target = out_dir / "annotated" / name
        buffer = _pdf(pictures)
        write_bytes_atomic(target, buffer)
        written.append(target)
    return written


def _pdf(pictures: list[Image.Image]) -> bytes:
    buffer = io.BytesIO()
    resolution = PX_PER_MM * 25.4
    pictures[0].save(
        buffer, "PDF", save_all=True, append_images=pictures[1:], resolution=resolution
    )
    return buffer.getvalue()
